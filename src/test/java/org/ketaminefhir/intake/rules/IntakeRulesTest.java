package org.ketaminefhir.intake.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.ketaminefhir.intake.rules.PatientEvidenceBuilder.INTAKE;
import static org.ketaminefhir.intake.rules.PatientEvidenceBuilder.patient;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IntakeRulesTest {

    @ParameterizedTest(name = "{0} = yes → {1}")
    @CsvSource({
        "psychosis-history, psychosis, CONTRAINDICATION",
        "substance-use-disorder, substance-use-disorder, CONTRAINDICATION",
        "ketamine-misuse, substance-use-disorder, CONTRAINDICATION",
        "uncontrolled-hypertension, uncontrolled-hypertension, CONTRAINDICATION",
        "aneurysm-avm-bleed, aneurysm-avm-bleed, CONTRAINDICATION",
        "pregnant-or-nursing, pregnancy, CONTRAINDICATION",
        "cardiovascular-disease, cardiac-disease, CAUTION",
        "liver-disease, liver-disease, CAUTION",
        "benzodiazepines, benzodiazepine, CAUTION",
        "antidepressants, antidepressant, CAUTION",
        "maois, maoi, CAUTION",
        "antipsychotics, antipsychotic, CAUTION",
        "lamotrigine, lamotrigine, CAUTION",
        "opioids, opioid, CAUTION",
        "stimulants, stimulant, CAUTION"
    })
    void aYesTriggersTheMatchingRuleWithTheIntakeAsEvidence(String linkId, String ruleId, FindingSeverity severity) {
        EligibilityResult yes = patient().intake(linkId, true).evaluate();
        EligibilityResult no = patient().intake(linkId, false).evaluate();

        assertThat(yes.findings())
                .extracting(Finding::ruleId, Finding::severity, Finding::evidence)
                .containsExactly(tuple(ruleId, severity, INTAKE));
        assertThat(yes.outcome()).isEqualTo(severity == FindingSeverity.CONTRAINDICATION
                ? EligibilityOutcome.NOT_ELIGIBLE
                : EligibilityOutcome.ELIGIBLE_WITH_CAUTIONS);
        assertThat(no.findings()).isEmpty();
        assertThat(no.outcome()).isEqualTo(EligibilityOutcome.ELIGIBLE);
    }

    @ParameterizedTest(name = "informed-consent = {0} → caution {1}")
    @CsvSource({"false, true", "true, false"})
    void informedConsentNotGivenIsACaution(boolean consent, boolean caution) {
        EligibilityResult result = patient().intake("informed-consent", consent).evaluate();

        if (caution) {
            assertThat(result.findings())
                    .extracting(Finding::ruleId, Finding::severity, Finding::evidence, Finding::reason)
                    .containsExactly(tuple("no-informed-consent", FindingSeverity.CAUTION, INTAKE,
                            "Patient reports not giving informed consent (intake): "
                                    + "consent must be in place before treatment"));
            assertThat(result.outcome()).isEqualTo(EligibilityOutcome.ELIGIBLE_WITH_CAUTIONS);
        } else {
            assertThat(result.outcome()).isEqualTo(EligibilityOutcome.ELIGIBLE);
        }
    }

    @Test
    void anIntakeWithEveryAnswerSafeIsEligible() {
        Object[] allSafe = Arrays.stream(IntakeQuestion.values())
                .flatMap(q -> Stream.of(q.linkId(), q == IntakeQuestion.INFORMED_CONSENT))
                .toArray();

        EligibilityResult result = patient().intake(allSafe).evaluate();

        assertThat(result.outcome()).isEqualTo(EligibilityOutcome.ELIGIBLE);
        assertThat(result.findings()).isEmpty();
    }

    @Test
    void unansweredAndUnknownQuestionsAreIgnored() {
        EligibilityResult result = patient().intake("favourite-colour", true, "psychosis-history-typo", true).evaluate();

        assertThat(result.outcome()).isEqualTo(EligibilityOutcome.ELIGIBLE);
        assertThat(result.findings()).isEmpty();
    }

    @Test
    void pregnantOrNursingReasonSaysSo() {
        EligibilityResult result = patient().intake("pregnant-or-nursing", true).evaluate();

        assertThat(result.findings()).extracting(Finding::reason).containsExactly(
                "Patient reports being pregnant or breastfeeding (intake): "
                        + "ketamine is avoided in pregnancy, and breastfeeding needs clinical review");
    }

    @Test
    void substanceUseAndKetamineMisuseOnOneFormAreOneFinding() {
        EligibilityResult result = patient().intake("ketamine-misuse", true, "substance-use-disorder", true).evaluate();

        assertThat(result.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.ruleId()).isEqualTo("substance-use-disorder");
            assertThat(finding.evidence()).isEqualTo(INTAKE);
            assertThat(finding.reason()).startsWith("Patient reports a substance use disorder (intake)");
        });
    }

    @Test
    void severalYesAnswersComeInQuestionOrderContraindicationsFirst() {
        EligibilityResult result = patient()
                .intake("stimulants", true, "liver-disease", true, "pregnant-or-nursing", true, "psychosis-history", true)
                .evaluate();

        assertThat(result.findings())
                .extracting(Finding::ruleId)
                .containsExactly("psychosis", "pregnancy", "liver-disease", "stimulant");
    }
}
