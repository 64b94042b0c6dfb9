package org.ketaminefhir.intake;

import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;
import org.ketaminefhir.derived.DerivedResources;
import org.ketaminefhir.records.Codes;
import org.ketaminefhir.records.FormAnswers;
import org.ketaminefhir.records.ObservationValues;
import org.ketaminefhir.intake.rules.BloodPressureReading;
import org.ketaminefhir.intake.rules.ClinicalCode;
import org.ketaminefhir.intake.rules.CodedEvidence;
import org.ketaminefhir.intake.rules.IntakeAnswers;
import org.ketaminefhir.intake.rules.PatientEvidence;

/**
 * Collects what the server knows about a patient for the eligibility rules: the latest intake form, the Conditions
 * and medications still in force, the latest pregnancy status and the latest blood pressure.
 */
class EvidenceGatherer {

    /** Pregnancy status [USC]. */
    static final String PREGNANCY_STATUS = "82810-3";

    private static final Set<String> ACTIVE_CLINICAL = Set.of("active", "recurrence", "relapse");
    private static final Set<String> NOT_TRUE = Set.of("refuted", "entered-in-error");

    private final DerivedResources resources;

    EvidenceGatherer(DerivedResources resources) {
        this.resources = resources;
    }

    PatientEvidence gather(String patientId) {
        String patient = "Patient/" + patientId;
        return new PatientEvidence(
                intake(patient),
                conditions(patient),
                medications(patient),
                latest(observations(patient, PREGNANCY_STATUS))
                        .map(o -> new CodedEvidence(reference(o), codes(o.getValue()))),
                latestBloodPressure(patient));
    }

    private Optional<IntakeAnswers> intake(String patient) {
        return resources.search(QuestionnaireResponse.class, byPatient("subject", patient)).stream()
                .filter(EvidenceGatherer::isIntake)
                .filter(r -> r.getStatus() == QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED
                        || r.getStatus() == QuestionnaireResponse.QuestionnaireResponseStatus.AMENDED)
                .max(Comparator.comparing(EvidenceGatherer::authored))
                .map(r -> new IntakeAnswers(reference(r), new FormAnswers(r).yesNo()));
    }

    private List<CodedEvidence> conditions(String patient) {
        List<CodedEvidence> evidence = new ArrayList<>();
        for (Condition condition : resources.search(Condition.class, byPatient("patient", patient))) {
            String clinical = condition.getClinicalStatus().getCodingFirstRep().getCode();
            String verification = condition.getVerificationStatus().getCodingFirstRep().getCode();
            if ((clinical == null || ACTIVE_CLINICAL.contains(clinical)) && (verification == null || !NOT_TRUE.contains(verification))) {
                evidence.add(new CodedEvidence(reference(condition), codes(condition.getCode())));
            }
        }
        return evidence;
    }

    private List<CodedEvidence> medications(String patient) {
        List<CodedEvidence> evidence = new ArrayList<>();
        for (MedicationStatement statement : resources.search(MedicationStatement.class, byPatient("patient", patient))) {
            MedicationStatement.MedicationStatementStatus status = statement.getStatus();
            if (status == MedicationStatement.MedicationStatementStatus.ACTIVE
                    || status == MedicationStatement.MedicationStatementStatus.INTENDED
                    || status == MedicationStatement.MedicationStatementStatus.ONHOLD) {
                evidence.add(new CodedEvidence(reference(statement), medicationCodes(statement.getMedication())));
            }
        }
        for (MedicationRequest request : resources.search(MedicationRequest.class, byPatient("patient", patient))) {
            if (request.getStatus() == MedicationRequest.MedicationRequestStatus.ACTIVE
                    || request.getStatus() == MedicationRequest.MedicationRequestStatus.ONHOLD) {
                evidence.add(new CodedEvidence(reference(request), medicationCodes(request.getMedication())));
            }
        }
        return evidence;
    }

    /**
     * The codes of the medication and, for a Medication resource (contained or stored), of its ingredients (RxNorm
     * ingredient, ATC class).
     */
    private List<ClinicalCode> medicationCodes(Type medication) {
        if (medication instanceof Reference reference
                && (reference.getResource() instanceof Medication contained ? contained
                        : resources.readOrNull(reference.getReference())) instanceof Medication resource) {
            List<ClinicalCode> codes = new ArrayList<>(codes(resource.getCode()));
            resource.getIngredient().forEach(i -> codes.addAll(codes(i.getItem())));
            return codes;
        }
        return codes(medication);
    }

    /**
     * The latest resting blood pressure: readings taken during a session (part of a Procedure or administration) count
     * only when tagged pre-dose, because the limit is for blood pressure at rest [KET-CH].
     */
    private Optional<BloodPressureReading> latestBloodPressure(String patient) {
        return latest(observations(patient, Codes.BLOOD_PRESSURE).stream()
                        .filter(o -> !o.hasPartOf() || isPreDose(o))
                        .filter(o -> mmHg(o, Codes.SYSTOLIC).isPresent() && mmHg(o, Codes.DIASTOLIC).isPresent())
                        .toList())
                .map(o -> new BloodPressureReading(reference(o), mmHg(o, Codes.SYSTOLIC).get(), mmHg(o, Codes.DIASTOLIC).get()));
    }

    private static boolean isPreDose(Observation observation) {
        return observation.getExtensionByUrl(Codes.SESSION_PHASE_EXTENSION) != null
                && observation.getExtensionByUrl(Codes.SESSION_PHASE_EXTENSION).getValue() instanceof Coding phase
                && "pre-dose".equals(phase.getCode());
    }

    private static Optional<Integer> mmHg(Observation observation, String component) {
        return ObservationValues.component(observation, component, "mm[Hg]").map(v -> (int) Math.round(v.doubleValue()));
    }

    static boolean isIntake(QuestionnaireResponse response) {
        return response.hasQuestionnaire() && response.getQuestionnaire().split("\\|")[0].equals(Codes.INTAKE_QUESTIONNAIRE);
    }

    private List<Observation> observations(String patient, String loinc) {
        SearchParameterMap map = byPatient("patient", patient);
        map.add("code", new TokenParam(Codes.LOINC, loinc));
        return resources.search(Observation.class, map).stream().filter(ObservationValues::counts).toList();
    }

    private static Optional<Observation> latest(List<Observation> observations) {
        return observations.stream().max(Comparator.comparing(
                (Observation o) -> ObservationValues.effective(o).orElse(new Date(0))));
    }

    private static List<ClinicalCode> codes(Type value) {
        return value instanceof CodeableConcept concept ? codes(concept) : List.of();
    }

    private static List<ClinicalCode> codes(CodeableConcept concept) {
        return concept.getCoding().stream()
                .filter(c -> c.hasSystem() && c.hasCode())
                .map(c -> new ClinicalCode(c.getSystem(), c.getCode()))
                .toList();
    }

    private static Date authored(QuestionnaireResponse response) {
        return response.hasAuthored() ? response.getAuthored() : new Date(0);
    }

    private static SearchParameterMap byPatient(String parameter, String patient) {
        return SearchParameterMap.newSynchronous(parameter, new ReferenceParam(patient));
    }

    private static String reference(org.hl7.fhir.r4.model.Resource resource) {
        return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
    }
}
