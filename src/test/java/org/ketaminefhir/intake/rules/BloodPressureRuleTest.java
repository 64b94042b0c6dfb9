package org.ketaminefhir.intake.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;
import static org.ketaminefhir.intake.rules.CodeSystem.ICD_10_CM;
import static org.ketaminefhir.intake.rules.PatientEvidenceBuilder.INTAKE;
import static org.ketaminefhir.intake.rules.PatientEvidenceBuilder.patientWithIntake;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BloodPressureRuleTest {

    @ParameterizedTest(name = "{0}/{1} mmHg → contraindicated {2}")
    @CsvSource({
        "180, 100, false", "181, 100, true", "180, 101, true", "181, 101, true", "179, 99, false",
        "120, 80, false", "200, 90, true", "150, 110, true", "0, 0, false"
    })
    void aboveEitherDefaultLimitIsAContraindicationButAtTheLimitIsNot(int systolic, int diastolic, boolean above) {
        EligibilityResult result = patientWithIntake().bloodPressure("Observation/bp-1", systolic, diastolic).evaluate();

        if (above) {
            assertThat(result.findings())
                    .extracting(Finding::ruleId, Finding::severity, Finding::evidence)
                    .containsExactly(tuple("uncontrolled-hypertension", FindingSeverity.CONTRAINDICATION, "Observation/bp-1"));
            assertThat(result.outcome()).isEqualTo(EligibilityOutcome.NOT_ELIGIBLE);
        } else {
            assertThat(result.findings()).isEmpty();
            assertThat(result.outcome()).isEqualTo(EligibilityOutcome.ELIGIBLE);
        }
    }

    @ParameterizedTest(name = "limit 140/90, {0}/{1} mmHg → contraindicated {2}")
    @CsvSource({"140, 90, false", "141, 90, true", "140, 91, true", "180, 100, true"})
    void configuredLimitsReplaceTheDefaults(int systolic, int diastolic, boolean above) {
        EligibilityResult result = new EligibilityRules(140, 90)
                .evaluate(patientWithIntake().bloodPressure("Observation/bp-1", systolic, diastolic).build());

        assertThat(result.findings()).hasSize(above ? 1 : 0);
    }

    @Test
    void defaultLimitsAre180Over100() {
        assertThat(EligibilityRules.DEFAULT_SYSTOLIC_LIMIT).isEqualTo(180);
        assertThat(EligibilityRules.DEFAULT_DIASTOLIC_LIMIT).isEqualTo(100);
    }

    @ParameterizedTest(name = "limits {0}/{1} are rejected")
    @CsvSource({"0, 100", "180, 0", "-1, 100", "180, -5", "0, 0"})
    void nonPositiveLimitsAreRejected(int systolic, int diastolic) {
        assertThatIllegalArgumentException().isThrownBy(() -> new EligibilityRules(systolic, diastolic));
    }

    @Test
    void reasonGivesTheReadingAndTheLimit() {
        EligibilityResult result = patientWithIntake().bloodPressure("Observation/bp-1", 184, 96).evaluate();

        assertThat(result.findings()).extracting(Finding::reason).containsExactly(
                "Blood pressure 184/96 mmHg is above 180/100 mmHg at rest: "
                        + "ketamine is contraindicated in uncontrolled hypertension");
    }

    @Test
    void aHypertensionDiagnosisAndAReadingAboveTheLimitAreBothReported() {
        EligibilityResult result = patientWithIntake()
                .condition("Condition/htn", ICD_10_CM.code("I10"))
                .bloodPressure("Observation/bp-1", 190, 95)
                .evaluate();

        assertThat(result.outcome()).isEqualTo(EligibilityOutcome.NOT_ELIGIBLE);
        assertThat(result.findings())
                .extracting(Finding::ruleId, Finding::severity, Finding::evidence)
                .containsExactly(
                        tuple("uncontrolled-hypertension", FindingSeverity.CONTRAINDICATION, "Observation/bp-1"),
                        tuple("hypertension", FindingSeverity.CAUTION, "Condition/htn"));
    }

    @Test
    void aControlledHypertensionDiagnosisIsOnlyACaution() {
        EligibilityResult result = patientWithIntake()
                .condition("Condition/htn", ICD_10_CM.code("I10"))
                .bloodPressure("Observation/bp-1", 180, 100)
                .evaluate();

        assertThat(result.outcome()).isEqualTo(EligibilityOutcome.ELIGIBLE_WITH_CAUTIONS);
        assertThat(result.findings()).extracting(Finding::ruleId).containsExactly("hypertension");
    }

    @Test
    void reportedUncontrolledHypertensionAndAHighReadingAreTwoFindings() {
        EligibilityResult result = patientWithIntake()
                .intake("uncontrolled-hypertension", true)
                .bloodPressure("Observation/bp-1", 185, 105)
                .evaluate();

        assertThat(result.findings())
                .extracting(Finding::ruleId, Finding::evidence)
                .containsExactly(
                        tuple("uncontrolled-hypertension", "Observation/bp-1"),
                        tuple("uncontrolled-hypertension", INTAKE));
    }
}
