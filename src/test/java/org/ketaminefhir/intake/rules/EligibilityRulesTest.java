package org.ketaminefhir.intake.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.tuple;
import static org.ketaminefhir.intake.rules.CodeSystem.ATC;
import static org.ketaminefhir.intake.rules.CodeSystem.ICD_10_CM;
import static org.ketaminefhir.intake.rules.CodeSystem.RXNORM;
import static org.ketaminefhir.intake.rules.CodeSystem.SNOMED_CT;
import static org.ketaminefhir.intake.rules.PatientEvidenceBuilder.INTAKE;
import static org.ketaminefhir.intake.rules.PatientEvidenceBuilder.patient;
import static org.ketaminefhir.intake.rules.PatientEvidenceBuilder.patientWithIntake;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EligibilityRulesTest {

    private static final String NO_INTAKE_FORM_REASON = "No intake form: the screening questionnaire covers "
            + "psychiatric and substance-use history the record may lack";

    @Test
    void noEvidenceAtAllIsInsufficientWithNoFindings() {
        EligibilityResult result = patient().evaluate();

        assertThat(result.outcome()).isEqualTo(EligibilityOutcome.INSUFFICIENT_EVIDENCE);
        assertThat(result.findings()).isEmpty();
    }

    @Test
    void anIntakeFormAloneIsEvidence() {
        EligibilityResult result = patientWithIntake().evaluate();

        assertThat(result.outcome()).isEqualTo(EligibilityOutcome.ELIGIBLE);
        assertThat(result.findings()).isEmpty();
    }

    @Test
    void recordEvidenceWithoutAnIntakeFormIsAtBestEligibleWithCautions() {
        EligibilityResult result = patient().bloodPressure("Observation/bp-1", 120, 80).evaluate();

        assertThat(result.outcome()).isEqualTo(EligibilityOutcome.ELIGIBLE_WITH_CAUTIONS);
        assertThat(result.findings())
                .extracting(Finding::ruleId, Finding::severity, Finding::evidence, Finding::reason)
                .containsExactly(tuple("no-intake-form", FindingSeverity.CAUTION, null, NO_INTAKE_FORM_REASON));
    }

    @Test
    void aMissingIntakeFormIsListedAfterContraindications() {
        EligibilityResult result = patient().condition("Condition/1", SNOMED_CT.code("58214004")).evaluate();

        assertThat(result.outcome()).isEqualTo(EligibilityOutcome.NOT_ELIGIBLE);
        assertThat(result.findings()).extracting(Finding::ruleId).containsExactly("psychosis", "no-intake-form");
    }

    @ParameterizedTest(name = "conditions [{0}] → {1}")
    @CsvSource(delimiter = '|', value = {
        "           | ELIGIBLE",
        "I10        | ELIGIBLE_WITH_CAUTIONS",
        "I10;K76.0  | ELIGIBLE_WITH_CAUTIONS",
        "F29        | NOT_ELIGIBLE",
        "I10;F29    | NOT_ELIGIBLE",
        "Z39.1;Z33.1| NOT_ELIGIBLE"
    })
    void anyContraindicationRulesOutAnyCautionQualifies(String icdCodes, EligibilityOutcome outcome) {
        PatientEvidenceBuilder patient = patientWithIntake();
        List<String> codes = icdCodes == null ? List.of() : List.of(icdCodes.split(";"));
        for (int i = 0; i < codes.size(); i++) {
            patient.condition("Condition/" + i, ICD_10_CM.code(codes.get(i).trim()));
        }

        assertThat(patient.evaluate().outcome()).isEqualTo(outcome);
    }

    @Test
    void findingsAreContraindicationsFirstThenInputOrder() {
        EligibilityResult result = patientWithIntake()
                .intake("liver-disease", true, "psychosis-history", true)
                .condition("Condition/htn", ICD_10_CM.code("I10"))
                .condition("Condition/scz", ICD_10_CM.code("F20.9"))
                .medication("MedicationRequest/benzo", RXNORM.code("596"))
                .pregnancyStatus("Observation/preg", SNOMED_CT.code("60001007"))
                .bloodPressure("Observation/bp", 182, 90)
                .evaluate();

        assertThat(result.outcome()).isEqualTo(EligibilityOutcome.NOT_ELIGIBLE);
        assertThat(result.findings())
                .extracting(Finding::ruleId, Finding::severity, Finding::evidence)
                .containsExactly(
                        tuple("psychosis", FindingSeverity.CONTRAINDICATION, "Condition/scz"),
                        tuple("uncontrolled-hypertension", FindingSeverity.CONTRAINDICATION, "Observation/bp"),
                        tuple("psychosis", FindingSeverity.CONTRAINDICATION, INTAKE),
                        tuple("hypertension", FindingSeverity.CAUTION, "Condition/htn"),
                        tuple("benzodiazepine", FindingSeverity.CAUTION, "MedicationRequest/benzo"),
                        tuple("liver-disease", FindingSeverity.CAUTION, INTAKE));
    }

    @Test
    void theSameRuleAndEvidenceAppearOnce() {
        EligibilityResult result = patientWithIntake()
                .condition("Condition/1", SNOMED_CT.code("69322001"))
                .condition("Condition/1", ICD_10_CM.code("F29"))
                .medication("MedicationRequest/2", ATC.code("N05AH04"))
                .medication("MedicationRequest/2", RXNORM.code("51272"))
                .evaluate();

        assertThat(result.findings())
                .extracting(Finding::ruleId, Finding::evidence)
                .containsExactly(tuple("psychosis", "Condition/1"), tuple("antipsychotic", "MedicationRequest/2"));
        assertThat(result.findings().get(0).reason()).contains("SNOMED CT 69322001");
    }

    @Test
    void theSameRuleFromDifferentEvidenceAppearsForEach() {
        EligibilityResult result = patientWithIntake()
                .intake("psychosis-history", true)
                .condition("Condition/1", SNOMED_CT.code("69322001"))
                .condition("Condition/2", ICD_10_CM.code("F25.0"))
                .evaluate();

        assertThat(result.findings())
                .extracting(Finding::ruleId, Finding::evidence)
                .containsExactly(
                        tuple("psychosis", "Condition/1"), tuple("psychosis", "Condition/2"), tuple("psychosis", INTAKE));
    }

    @Test
    void findingsListIsImmutable() {
        List<Finding> findings = patient().condition("Condition/1", ICD_10_CM.code("I10")).evaluate().findings();

        assertThat(findings).isUnmodifiable();
    }

    @Test
    void evidenceIsRequired() {
        assertThatNullPointerException().isThrownBy(() -> EligibilityRules.withDefaultLimits().evaluate(null));
    }

    @ParameterizedTest(name = "{0} → {1} / {2}")
    @CsvSource({
        "ELIGIBLE, eligible, Eligible",
        "ELIGIBLE_WITH_CAUTIONS, eligible-with-cautions, Eligible with cautions",
        "NOT_ELIGIBLE, not-eligible, Not eligible",
        "INSUFFICIENT_EVIDENCE, insufficient-evidence, Insufficient evidence"
    })
    void outcomeCodesAndDisplays(EligibilityOutcome outcome, String code, String display) {
        assertThat(outcome.code()).isEqualTo(code);
        assertThat(outcome.display()).isEqualTo(display);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"CONTRAINDICATION, contraindication", "CAUTION, caution"})
    void severityCodes(FindingSeverity severity, String code) {
        assertThat(severity.code()).isEqualTo(code);
    }
}
