package org.ketaminefhir.intake.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds {@link PatientEvidence} for tests, the way the FHIR adapter would fill it. */
final class PatientEvidenceBuilder {

    static final String INTAKE = "QuestionnaireResponse/intake-1";

    private IntakeAnswers intake;
    private final List<CodedEvidence> conditions = new ArrayList<>();
    private final List<CodedEvidence> medications = new ArrayList<>();
    private CodedEvidence pregnancyStatus;
    private BloodPressureReading bloodPressure;

    static PatientEvidenceBuilder patient() {
        return new PatientEvidenceBuilder();
    }

    /** A patient with an intake form on which nothing was answered, so that no no-intake-form caution appears. */
    static PatientEvidenceBuilder patientWithIntake() {
        return patient().intake();
    }

    PatientEvidenceBuilder condition(String reference, ClinicalCode... codes) {
        conditions.add(new CodedEvidence(reference, codes));
        return this;
    }

    PatientEvidenceBuilder medication(String reference, ClinicalCode... codes) {
        medications.add(new CodedEvidence(reference, codes));
        return this;
    }

    PatientEvidenceBuilder pregnancyStatus(String reference, ClinicalCode... values) {
        pregnancyStatus = new CodedEvidence(reference, values);
        return this;
    }

    PatientEvidenceBuilder bloodPressure(String reference, int systolic, int diastolic) {
        bloodPressure = new BloodPressureReading(reference, systolic, diastolic);
        return this;
    }

    /** Answers as alternating linkId, yes/no pairs: {@code intake("psychosis-history", true, "opioids", false)}. */
    PatientEvidenceBuilder intake(Object... linkIdAnswerPairs) {
        Map<String, Boolean> answers = new LinkedHashMap<>();
        for (int i = 0; i < linkIdAnswerPairs.length; i += 2) {
            answers.put((String) linkIdAnswerPairs[i], (Boolean) linkIdAnswerPairs[i + 1]);
        }
        intake = new IntakeAnswers(INTAKE, answers);
        return this;
    }

    PatientEvidence build() {
        return new PatientEvidence(Optional.ofNullable(intake), conditions, medications,
                Optional.ofNullable(pregnancyStatus), Optional.ofNullable(bloodPressure));
    }

    EligibilityResult evaluate() {
        return EligibilityRules.withDefaultLimits().evaluate(build());
    }
}
