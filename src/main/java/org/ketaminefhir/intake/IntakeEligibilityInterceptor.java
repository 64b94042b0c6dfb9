package org.ketaminefhir.intake;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.ketaminefhir.records.Codes;

/**
 * Keeps eligibility current, in the same transaction as the write that changes it: storing an intake form assesses
 * the patient; creating, changing or deleting evidence the rules read (a Condition, a medication, a pregnancy status or
 * a blood pressure) reassesses a patient who already has an assessment, so Flags follow the record. Each patient is
 * assessed at most once per transaction.
 */
@Interceptor
public class IntakeEligibilityInterceptor {

    private static final String ASSESSED = IntakeEligibilityInterceptor.class.getName() + ".assessed";

    private final EligibilityAssessor assessor;

    IntakeEligibilityInterceptor(EligibilityAssessor assessor) {
        this.assessor = assessor;
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource, TransactionDetails transaction) {
        changed(resource, transaction);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource updated, TransactionDetails transaction) {
        changed(updated, transaction);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
    public void deleted(IBaseResource resource, TransactionDetails transaction) {
        changed(resource, transaction);
    }

    private void changed(IBaseResource resource, TransactionDetails transaction) {
        if (resource instanceof QuestionnaireResponse response && EvidenceGatherer.isIntake(response)) {
            patient(response.getSubject()).ifPresent(patient -> assessOnce(patient, transaction, true));
        } else {
            Reference subject = evidenceSubject(resource);
            if (subject != null) {
                patient(subject).ifPresent(patient -> assessOnce(patient, transaction, false));
            }
        }
    }

    /**
     * Remembers, per transaction, which patients were assessed and which have no assessment to keep current, so a
     * bundle of thirty blood pressures for a patient never assessed looks that up once, not thirty times.
     */
    private void assessOnce(String patientId, TransactionDetails transaction, boolean intakeForm) {
        Map<String, Boolean> assessed = transaction.getOrCreateUserData(ASSESSED, HashMap::new);
        Boolean done = assessed.get(patientId);
        if (Boolean.TRUE.equals(done)) {
            return;
        }
        if (intakeForm || (done == null && assessor.hasAssessment(patientId))) {
            assessed.put(patientId, true);
            assessor.assess(patientId);
        } else {
            assessed.put(patientId, false);
        }
    }

    /** The subject of a resource the eligibility rules read, or null for anything else. */
    private static Reference evidenceSubject(IBaseResource resource) {
        if (resource instanceof Condition condition) {
            return condition.getSubject();
        }
        if (resource instanceof MedicationStatement statement) {
            return statement.getSubject();
        }
        if (resource instanceof MedicationRequest request) {
            return request.getSubject();
        }
        if (resource instanceof Observation observation && isEligibilityEvidence(observation)) {
            return observation.getSubject();
        }
        return null;
    }

    private static Optional<String> patient(Reference subject) {
        IdType id = new IdType(subject.getReference());
        return "Patient".equals(id.getResourceType()) && id.hasIdPart() ? Optional.of(id.getIdPart()) : Optional.empty();
    }

    /** The Observations the rules read: pregnancy status and blood pressure. */
    private static boolean isEligibilityEvidence(Observation observation) {
        return observation.getCode().getCoding().stream().anyMatch(c -> Codes.LOINC.equals(c.getSystem())
                && (EvidenceGatherer.PREGNANCY_STATUS.equals(c.getCode()) || Codes.BLOOD_PRESSURE.equals(c.getCode())));
    }
}
