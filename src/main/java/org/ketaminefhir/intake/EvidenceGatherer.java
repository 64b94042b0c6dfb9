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

    static final String INTAKE = "https://ketamine-fhir.org/ig/Questionnaire/ketamine-intake";
    static final String LOINC = "http://loinc.org";
    /** Pregnancy status [USC]; blood pressure panel and its components [R4]. */
    static final String PREGNANCY_STATUS = "82810-3";
    static final String BLOOD_PRESSURE = "85354-9";
    static final String SYSTOLIC = "8480-6";
    static final String DIASTOLIC = "8462-4";
    /** LOINC LL5384-4 yes/no answers [LOINC]. */
    static final String YES = "LA33-6";
    static final String NO = "LA32-8";

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
                .filter(r -> r.hasQuestionnaire() && r.getQuestionnaire().split("\\|")[0].equals(INTAKE))
                .filter(r -> r.getStatus() == QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED
                        || r.getStatus() == QuestionnaireResponse.QuestionnaireResponseStatus.AMENDED)
                .max(Comparator.comparing(EvidenceGatherer::authored))
                .map(r -> new IntakeAnswers(reference(r), yesNo(r.getItem(), new LinkedHashMap<>())));
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

    /** The codes of the medication and, for a Medication resource, of its ingredients (RxNorm IN, ATC class). */
    private List<ClinicalCode> medicationCodes(Type medication) {
        if (medication instanceof Reference reference
                && resources.readOrNull(reference.getReference()) instanceof Medication resource) {
            List<ClinicalCode> codes = new ArrayList<>(codes(resource.getCode()));
            resource.getIngredient().forEach(i -> codes.addAll(codes(i.getItem())));
            return codes;
        }
        return codes(medication);
    }

    private Optional<BloodPressureReading> latestBloodPressure(String patient) {
        return latest(observations(patient, BLOOD_PRESSURE).stream()
                        .filter(o -> component(o, SYSTOLIC).isPresent() && component(o, DIASTOLIC).isPresent())
                        .toList())
                .map(o -> new BloodPressureReading(reference(o), component(o, SYSTOLIC).get(), component(o, DIASTOLIC).get()));
    }

    private List<Observation> observations(String patient, String loinc) {
        SearchParameterMap map = byPatient("patient", patient);
        map.add("code", new TokenParam(LOINC, loinc));
        return resources.search(Observation.class, map).stream()
                .filter(o -> o.getStatus() == Observation.ObservationStatus.FINAL
                        || o.getStatus() == Observation.ObservationStatus.AMENDED
                        || o.getStatus() == Observation.ObservationStatus.CORRECTED)
                .toList();
    }

    private static Optional<Observation> latest(List<Observation> observations) {
        return observations.stream().max(Comparator.comparing(
                (Observation o) -> o.hasEffectiveDateTimeType() ? o.getEffectiveDateTimeType().getValue() : new Date(0)));
    }

    private static Optional<Integer> component(Observation observation, String code) {
        for (Observation.ObservationComponentComponent component : observation.getComponent()) {
            boolean matches = component.getCode().getCoding().stream()
                    .anyMatch(c -> LOINC.equals(c.getSystem()) && code.equals(c.getCode()));
            if (matches && component.getValue() instanceof Quantity quantity && quantity.hasValue()
                    && "mm[Hg]".equals(quantity.getCode())) {
                return Optional.of((int) Math.round(quantity.getValue().doubleValue()));
            }
        }
        return Optional.empty();
    }

    private static Map<String, Boolean> yesNo(List<QuestionnaireResponse.QuestionnaireResponseItemComponent> items,
            Map<String, Boolean> answers) {
        for (QuestionnaireResponse.QuestionnaireResponseItemComponent item : items) {
            if (item.hasAnswer()) {
                Type value = item.getAnswerFirstRep().getValue();
                if (value instanceof BooleanType bool && bool.getValue() != null) {
                    answers.put(item.getLinkId(), bool.getValue());
                } else if (value instanceof Coding coding && LOINC.equals(coding.getSystem())
                        && (YES.equals(coding.getCode()) || NO.equals(coding.getCode()))) {
                    answers.put(item.getLinkId(), YES.equals(coding.getCode()));
                }
            }
            yesNo(item.getItem(), answers);
        }
        return answers;
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
