package org.ketaminefhir.intake.rules;

import java.util.List;
import java.util.Objects;

/**
 * Decides whether a patient can start ketamine therapy from the evidence the adapter gathered. Findings come in
 * the order: conditions, pregnancy status, blood pressure, medications (each in input order), intake answers, then a
 * missing intake form; contraindications are listed before cautions.
 */
public final class EligibilityRules {

    /** Uncontrolled/untreated hypertension &gt; 180/100 mmHg at rest is a contraindication [KET-CH]. */
    public static final int DEFAULT_SYSTOLIC_LIMIT = 180;
    /** See {@link #DEFAULT_SYSTOLIC_LIMIT} [KET-CH]. */
    public static final int DEFAULT_DIASTOLIC_LIMIT = 100;

    private final BloodPressureLimit bloodPressureLimit;

    /** Blood pressure above either limit (mmHg, at rest) is a contraindication; both must be positive. */
    public EligibilityRules(int systolicLimit, int diastolicLimit) {
        this.bloodPressureLimit = new BloodPressureLimit(systolicLimit, diastolicLimit);
    }

    public static EligibilityRules withDefaultLimits() {
        return new EligibilityRules(DEFAULT_SYSTOLIC_LIMIT, DEFAULT_DIASTOLIC_LIMIT);
    }

    public EligibilityResult evaluate(PatientEvidence evidence) {
        Objects.requireNonNull(evidence, "evidence");
        if (evidence.isEmpty()) {
            return new EligibilityResult(EligibilityOutcome.INSUFFICIENT_EVIDENCE, List.of());
        }
        FindingList findings = new FindingList();
        evidence.conditions().forEach(condition -> findings.addAll(ConditionRule.findingsFor(condition)));
        evidence.pregnancyStatus().ifPresent(status -> findings.addAll(ConditionRule.findingsForPregnancyStatus(status)));
        evidence.latestBloodPressure().ifPresent(reading -> findings.addAll(bloodPressureLimit.findingsFor(reading)));
        evidence.medications().forEach(medication -> findings.addAll(MedicationRule.findingsFor(medication)));
        evidence.intake().ifPresentOrElse(
                intake -> findings.addAll(IntakeQuestion.findingsFor(intake)),
                () -> findings.addAll(List.of(Rule.NO_INTAKE_FORM.finding("No intake form", null))));
        List<Finding> ordered = findings.ordered();
        return new EligibilityResult(EligibilityOutcome.of(ordered), ordered);
    }
}
