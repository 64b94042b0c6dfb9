package org.ketaminefhir.intake.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.ketaminefhir.intake.rules.CodeSystem.ICD_10_CM;
import static org.ketaminefhir.intake.rules.CodeSystem.SNOMED_CT;
import static org.ketaminefhir.intake.rules.PatientEvidenceBuilder.patientWithIntake;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionRulesTest {

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
        "SNOMED_CT, 69322001, psychosis, CONTRAINDICATION",
        "SNOMED_CT, 58214004, psychosis, CONTRAINDICATION",
        "ICD_10_CM, F29, psychosis, CONTRAINDICATION",
        "ICD_10_CM, F20, psychosis, CONTRAINDICATION",
        "ICD_10_CM, F20.0, psychosis, CONTRAINDICATION",
        "ICD_10_CM, F20.81, psychosis, CONTRAINDICATION",
        "ICD_10_CM, F20.9, psychosis, CONTRAINDICATION",
        "ICD_10_CM, F25.0, psychosis, CONTRAINDICATION",
        "ICD_10_CM, F25.9, psychosis, CONTRAINDICATION",
        "SNOMED_CT, 66214007, substance-use-disorder, CONTRAINDICATION",
        "SNOMED_CT, 724713006, substance-use-disorder, CONTRAINDICATION",
        "SNOMED_CT, 724715004, substance-use-disorder, CONTRAINDICATION",
        "SNOMED_CT, 75544000, substance-use-disorder, CONTRAINDICATION",
        "ICD_10_CM, F16.10, substance-use-disorder, CONTRAINDICATION",
        "ICD_10_CM, F19.10, substance-use-disorder, CONTRAINDICATION",
        "ICD_10_CM, F11.20, substance-use-disorder, CONTRAINDICATION",
        "ICD_10_CM, F11.21, substance-use-disorder, CONTRAINDICATION",
        "ICD_10_CM, F11.29, substance-use-disorder, CONTRAINDICATION",
        "SNOMED_CT, 77386006, pregnancy, CONTRAINDICATION",
        "ICD_10_CM, Z33.1, pregnancy, CONTRAINDICATION",
        "SNOMED_CT, 432119003, aneurysm-avm-bleed, CONTRAINDICATION",
        "SNOMED_CT, 274100004, aneurysm-avm-bleed, CONTRAINDICATION",
        "ICD_10_CM, Q28.2, aneurysm-avm-bleed, CONTRAINDICATION",
        "ICD_10_CM, I71.2, aneurysm-avm-bleed, CONTRAINDICATION",
        "ICD_10_CM, I71.4, aneurysm-avm-bleed, CONTRAINDICATION",
        "SNOMED_CT, 38341003, hypertension, CAUTION",
        "SNOMED_CT, 59621000, hypertension, CAUTION",
        "ICD_10_CM, I10, hypertension, CAUTION",
        "SNOMED_CT, 414545008, cardiac-disease, CAUTION",
        "SNOMED_CT, 84114007, cardiac-disease, CAUTION",
        "ICD_10_CM, I25.9, cardiac-disease, CAUTION",
        "ICD_10_CM, I25.10, cardiac-disease, CAUTION",
        "ICD_10_CM, I50.9, cardiac-disease, CAUTION",
        "ICD_10_CM, I50.22, cardiac-disease, CAUTION",
        "ICD_10_CM, K70.30, liver-disease, CAUTION",
        "ICD_10_CM, K71.9, liver-disease, CAUTION",
        "ICD_10_CM, K72.90, liver-disease, CAUTION",
        "ICD_10_CM, K73.9, liver-disease, CAUTION",
        "ICD_10_CM, K74.60, liver-disease, CAUTION",
        "ICD_10_CM, K75.9, liver-disease, CAUTION",
        "ICD_10_CM, K76.0, liver-disease, CAUTION",
        "SNOMED_CT, 866041003, breastfeeding, CAUTION",
        "ICD_10_CM, Z39.1, breastfeeding, CAUTION"
    })
    void eachConditionCodeTriggersItsRule(CodeSystem system, String code, String ruleId, FindingSeverity severity) {
        EligibilityResult result = patientWithIntake().condition("Condition/12", system.code(code)).evaluate();

        assertThat(result.findings())
                .extracting(Finding::ruleId, Finding::severity, Finding::evidence)
                .containsExactly(tuple(ruleId, severity, "Condition/12"));
        assertThat(result.findings().get(0).reason()).contains(system.display() + " " + code);
    }

    @ParameterizedTest(name = "{0} {1} matches no rule")
    @CsvSource({
        // right code, wrong system
        "ICD_10_CM, 69322001", "ICD_10_CM, 77386006", "ICD_10_CM, 866041003", "RXNORM, 69322001",
        "SNOMED_CT, F29", "SNOMED_CT, F20.9", "SNOMED_CT, I10", "SNOMED_CT, Z33.1", "SNOMED_CT, K70.30",
        "ATC, I10",
        // near misses around the exact codes and prefixes
        "ICD_10_CM, F21", "ICD_10_CM, F28", "ICD_10_CM, F2", "ICD_10_CM, F29.1", "ICD_10_CM, F30.2",
        "ICD_10_CM, F16.11", "ICD_10_CM, F16.20", "ICD_10_CM, F19.11", "ICD_10_CM, F11.10", "ICD_10_CM, F11.1",
        "ICD_10_CM, Z33.2", "ICD_10_CM, Z39.2", "ICD_10_CM, Q28.1", "ICD_10_CM, Q28.3", "ICD_10_CM, I70.0",
        "ICD_10_CM, I72.0", "ICD_10_CM, I11.0", "ICD_10_CM, I24.9", "ICD_10_CM, I26.9", "ICD_10_CM, I51.9",
        "ICD_10_CM, K69", "ICD_10_CM, K77.0", "ICD_10_CM, K80.20",
        // not pregnant, and an unrelated indication
        "SNOMED_CT, 60001007", "SNOMED_CT, 1153570009"
    })
    void otherCodesMatchNothing(CodeSystem system, String code) {
        EligibilityResult result = patientWithIntake().condition("Condition/12", system.code(code)).evaluate();

        assertThat(result.findings()).isEmpty();
        assertThat(result.outcome()).isEqualTo(EligibilityOutcome.ELIGIBLE);
    }

    @Test
    void aCodeUnderAnUnknownSystemOrWithoutSystemOrCodeMatchesNothing() {
        EligibilityResult result = patientWithIntake()
                .condition("Condition/1", new ClinicalCode("http://example.org/codes", "69322001"))
                .condition("Condition/2", new ClinicalCode(null, "F29"))
                .condition("Condition/3", new ClinicalCode(ICD_10_CM.uri(), null))
                .condition("Condition/4")
                .evaluate();

        assertThat(result.findings()).isEmpty();
    }

    @Test
    void aConditionCodedInBothSystemsGivesOneFindingNamingTheFirstMatchingCode() {
        EligibilityResult result = patientWithIntake()
                .condition("Condition/12", SNOMED_CT.code("69322001"), ICD_10_CM.code("F20.9"))
                .evaluate();

        assertThat(result.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.ruleId()).isEqualTo("psychosis");
            assertThat(finding.reason()).isEqualTo(
                    "Psychotic disorder on the problem list (SNOMED CT 69322001): ketamine is avoided in psychosis");
        });
    }

    @Test
    void aConditionWhoseCodesMatchTwoRulesGivesBoth() {
        EligibilityResult result = patientWithIntake()
                .condition("Condition/7", ICD_10_CM.code("I10"), ICD_10_CM.code("I25.10"))
                .evaluate();

        assertThat(result.findings())
                .extracting(Finding::ruleId, Finding::evidence)
                .containsExactly(tuple("hypertension", "Condition/7"), tuple("cardiac-disease", "Condition/7"));
    }

    @Test
    void reasonsNameTheConceptTheCodeAndWhyItMatters() {
        EligibilityResult result = patientWithIntake()
                .condition("Condition/1", ICD_10_CM.code("F11.20"))
                .condition("Condition/2", ICD_10_CM.code("K74.60"))
                .evaluate();

        assertThat(result.findings()).extracting(Finding::reason).containsExactly(
                "Substance use disorder on the problem list (ICD-10-CM F11.20): "
                        + "ketamine is avoided in substance use disorder and can itself be misused",
                "Liver disease on the problem list (ICD-10-CM K74.60): "
                        + "ketamine is avoided in severe hepatic impairment; check severity");
    }

    @ParameterizedTest(name = "pregnancy status {0} {1} → pregnancy finding {2}")
    @CsvSource({
        "SNOMED_CT, 77386006, true",
        "SNOMED_CT, 60001007, false",
        "ICD_10_CM, 77386006, false"
    })
    void pregnancyStatusObservationCountsOnlyWhenItSaysPregnant(CodeSystem system, String value, boolean pregnant) {
        EligibilityResult result = patientWithIntake()
                .pregnancyStatus("Observation/preg-1", system.code(value))
                .evaluate();

        if (pregnant) {
            assertThat(result.findings())
                    .extracting(Finding::ruleId, Finding::severity, Finding::evidence, Finding::reason)
                    .containsExactly(tuple("pregnancy", FindingSeverity.CONTRAINDICATION, "Observation/preg-1",
                            "Pregnancy status recorded as pregnant (SNOMED CT 77386006): ketamine is avoided in pregnancy"));
            assertThat(result.outcome()).isEqualTo(EligibilityOutcome.NOT_ELIGIBLE);
        } else {
            assertThat(result.findings()).isEmpty();
            assertThat(result.outcome()).isEqualTo(EligibilityOutcome.ELIGIBLE);
        }
    }

    @Test
    void pregnancyOnTheProblemListAndInTheStatusObservationAreTwoFindings() {
        EligibilityResult result = patientWithIntake()
                .condition("Condition/3", ICD_10_CM.code("Z33.1"))
                .pregnancyStatus("Observation/preg-1", SNOMED_CT.code("77386006"))
                .evaluate();

        assertThat(result.findings())
                .extracting(Finding::ruleId, Finding::evidence)
                .containsExactly(tuple("pregnancy", "Condition/3"), tuple("pregnancy", "Observation/preg-1"));
    }
}
