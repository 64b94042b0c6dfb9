package org.ketaminefhir.intake.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.ketaminefhir.intake.rules.CodeSystem.ATC;
import static org.ketaminefhir.intake.rules.CodeSystem.RXNORM;
import static org.ketaminefhir.intake.rules.PatientEvidenceBuilder.patientWithIntake;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MedicationRulesTest {

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
        "RXNORM, 6470, benzodiazepine", "RXNORM, 596, benzodiazepine", "RXNORM, 2598, benzodiazepine",
        "RXNORM, 3322, benzodiazepine", "RXNORM, 6960, benzodiazepine",
        "ATC, N05BA, benzodiazepine", "ATC, N05BA12, benzodiazepine", "ATC, N05CD08, benzodiazepine",
        "ATC, N02A, opioid", "ATC, N02AA01, opioid", "ATC, N02AB03, opioid",
        "RXNORM, 104837, maoi", "RXNORM, 312347, maoi", "RXNORM, 313447, maoi", "RXNORM, 859186, maoi",
        "ATC, N06AF03, maoi", "ATC, N06AG02, maoi",
        "RXNORM, 36437, antidepressant", "RXNORM, 321988, antidepressant", "RXNORM, 39786, antidepressant",
        "RXNORM, 42347, antidepressant",
        "ATC, N06A, antidepressant", "ATC, N06AA09, antidepressant", "ATC, N06AB06, antidepressant",
        // esketamine nasal spray sits in N06AX, so a current esketamine order also counts as an antidepressant
        "ATC, N06AX27, antidepressant",
        "RXNORM, 51272, antipsychotic", "RXNORM, 89013, antipsychotic", "RXNORM, 61381, antipsychotic",
        "RXNORM, 35636, antipsychotic", "ATC, N05AH04, antipsychotic",
        "RXNORM, 28439, lamotrigine", "ATC, N03AX09, lamotrigine",
        "RXNORM, 6901, stimulant", "RXNORM, 725, stimulant",
        "RXNORM, 10438, theophylline", "RXNORM, 689, theophylline"
    })
    void eachMedicationCodeTriggersExactlyItsCaution(CodeSystem system, String code, String ruleId) {
        EligibilityResult result = patientWithIntake().medication("MedicationRequest/5", system.code(code)).evaluate();

        assertThat(result.findings())
                .extracting(Finding::ruleId, Finding::severity, Finding::evidence)
                .containsExactly(tuple(ruleId, FindingSeverity.CAUTION, "MedicationRequest/5"));
        assertThat(result.findings().get(0).reason()).contains(system.display() + " " + code);
        assertThat(result.outcome()).isEqualTo(EligibilityOutcome.ELIGIBLE_WITH_CAUTIONS);
    }

    @ParameterizedTest(name = "{0} {1} matches no rule")
    @CsvSource({
        // right code, wrong system
        "ATC, 6470", "SNOMED_CT, 6470", "ICD_10_CM, 36437", "RXNORM, N05BA12", "RXNORM, N02AA01",
        "SNOMED_CT, N06AB06",
        // RxNorm codes are exact, never prefixes
        "RXNORM, 64700", "RXNORM, 59", "RXNORM, 7250", "RXNORM, 1043",
        // ATC classes next to the matched ones, and codes shorter than the class
        "ATC, N05B", "ATC, N05C", "ATC, N05CF01", "ATC, N02B", "ATC, N02BE01", "ATC, N06", "ATC, N06BA04",
        "ATC, N03AX", "ATC, N03AX14", "ATC, N05", "ATC, N01AX03",
        // ketamine itself is not an interaction rule
        "RXNORM, 6130"
    })
    void otherCodesMatchNothing(CodeSystem system, String code) {
        EligibilityResult result = patientWithIntake().medication("MedicationRequest/5", system.code(code)).evaluate();

        assertThat(result.findings()).isEmpty();
    }

    @Test
    void anMaoiClassIsNotAlsoCountedAsAnotherAntidepressant() {
        EligibilityResult result = patientWithIntake()
                .medication("MedicationStatement/1", ATC.code("N06AF03"))
                .medication("MedicationStatement/2", ATC.code("N06AG02"))
                .evaluate();

        assertThat(result.findings()).extracting(Finding::ruleId).containsExactly("maoi", "maoi");
    }

    @Test
    void aMedicationCodedByIngredientAndClassGivesOneFinding() {
        EligibilityResult result = patientWithIntake()
                .medication("MedicationRequest/9", RXNORM.code("6470"), ATC.code("N05BA06"))
                .evaluate();

        assertThat(result.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.ruleId()).isEqualTo("benzodiazepine");
            assertThat(finding.reason()).isEqualTo("Benzodiazepine on the medication list (RxNorm 6470): "
                    + "added sedation and respiratory depression with ketamine");
        });
    }

    @Test
    void theSameDrugOnTwoResourcesGivesOneFindingPerResource() {
        EligibilityResult result = patientWithIntake()
                .medication("MedicationRequest/1", RXNORM.code("10438"))
                .medication("MedicationStatement/2", RXNORM.code("10438"))
                .evaluate();

        assertThat(result.findings())
                .extracting(Finding::ruleId, Finding::evidence)
                .containsExactly(tuple("theophylline", "MedicationRequest/1"), tuple("theophylline", "MedicationStatement/2"));
    }

    @Test
    void opioidReasonNamesTheAtcClass() {
        EligibilityResult result = patientWithIntake().medication("MedicationRequest/3", ATC.code("N02AA01")).evaluate();

        assertThat(result.findings()).extracting(Finding::reason).containsExactly(
                "Opioid on the medication list (ATC N02AA01): added sedation and respiratory depression with ketamine");
    }
}
