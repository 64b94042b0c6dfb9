package org.ketaminefhir.intake.rules;

import java.util.Arrays;
import java.util.List;

/** The intake questionnaire's screening questions (by linkId), the answer that triggers a rule, and what it means. */
enum IntakeQuestion {
    PSYCHOSIS_HISTORY("psychosis-history", true, Rule.PSYCHOSIS, "a history of psychosis"),
    SUBSTANCE_USE_DISORDER("substance-use-disorder", true, Rule.SUBSTANCE_USE_DISORDER, "a substance use disorder"),
    KETAMINE_MISUSE("ketamine-misuse", true, Rule.SUBSTANCE_USE_DISORDER, "ketamine misuse"),
    UNCONTROLLED_HYPERTENSION("uncontrolled-hypertension", true, Rule.UNCONTROLLED_HYPERTENSION,
            "uncontrolled high blood pressure"),
    ANEURYSM_AVM_BLEED("aneurysm-avm-bleed", true, Rule.ANEURYSM_AVM_BLEED,
            "an aneurysm, arteriovenous malformation or bleed in the brain"),
    PREGNANT_OR_NURSING("pregnant-or-nursing", true, Rule.PREGNANCY, "being pregnant or breastfeeding",
            "ketamine is avoided in pregnancy, and breastfeeding needs clinical review"),
    CARDIOVASCULAR_DISEASE("cardiovascular-disease", true, Rule.CARDIAC_DISEASE, "heart or blood vessel disease"),
    LIVER_DISEASE("liver-disease", true, Rule.LIVER_DISEASE, "liver disease"),
    BENZODIAZEPINES("benzodiazepines", true, Rule.BENZODIAZEPINE, "taking a benzodiazepine"),
    ANTIDEPRESSANTS("antidepressants", true, Rule.ANTIDEPRESSANT, "taking an antidepressant"),
    MAOIS("maois", true, Rule.MAOI, "taking a monoamine oxidase inhibitor"),
    ANTIPSYCHOTICS("antipsychotics", true, Rule.ANTIPSYCHOTIC, "taking an antipsychotic"),
    LAMOTRIGINE("lamotrigine", true, Rule.LAMOTRIGINE, "taking lamotrigine"),
    OPIOIDS("opioids", true, Rule.OPIOID, "taking an opioid"),
    STIMULANTS("stimulants", true, Rule.STIMULANT, "taking a stimulant"),
    INFORMED_CONSENT("informed-consent", false, Rule.NO_INFORMED_CONSENT, "not giving informed consent");

    private final String linkId;
    private final boolean triggeringAnswer;
    private final Rule rule;
    private final String patientReports;
    private final String rationale;

    IntakeQuestion(String linkId, boolean triggeringAnswer, Rule rule, String patientReports) {
        this(linkId, triggeringAnswer, rule, patientReports, rule.rationale());
    }

    IntakeQuestion(String linkId, boolean triggeringAnswer, Rule rule, String patientReports, String rationale) {
        this.linkId = linkId;
        this.triggeringAnswer = triggeringAnswer;
        this.rule = rule;
        this.patientReports = patientReports;
        this.rationale = rationale;
    }

    String linkId() {
        return linkId;
    }

    /** Findings in question order; unanswered and unknown linkIds are ignored. */
    static List<Finding> findingsFor(IntakeAnswers intake) {
        return Arrays.stream(values())
                .filter(question -> intake.answered(question.linkId, question.triggeringAnswer))
                .map(question -> new Finding(
                        question.rule.id(),
                        question.rule.severity(),
                        "Patient reports " + question.patientReports + " (intake): " + question.rationale,
                        intake.reference()))
                .toList();
    }
}
