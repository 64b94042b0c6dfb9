package org.ketaminefhir.intake.rules;

import java.util.ArrayList;
import java.util.List;

/** Which coded conditions trigger which rule. */
enum ConditionRule {
    PSYCHOSIS(Rule.PSYCHOSIS, "Psychotic disorder", CodeSets.PSYCHOSIS),
    SUBSTANCE_USE_DISORDER(Rule.SUBSTANCE_USE_DISORDER, "Substance use disorder", CodeSets.SUBSTANCE_USE_DISORDER),
    PREGNANCY(Rule.PREGNANCY, "Pregnancy", CodeSets.PREGNANCY),
    ANEURYSM_AVM_BLEED(Rule.ANEURYSM_AVM_BLEED, "Aneurysm, arteriovenous malformation or intracerebral haemorrhage",
            CodeSets.ANEURYSM_AVM_HAEMORRHAGE),
    HYPERTENSION(Rule.HYPERTENSION, "Hypertension", CodeSets.HYPERTENSION),
    CARDIAC_DISEASE(Rule.CARDIAC_DISEASE, "Ischaemic heart disease or heart failure", CodeSets.CARDIAC_DISEASE),
    LIVER_DISEASE(Rule.LIVER_DISEASE, "Liver disease", CodeSets.LIVER_DISEASE),
    BREASTFEEDING(Rule.BREASTFEEDING, "Breastfeeding", CodeSets.BREASTFEEDING);

    private final Rule rule;
    private final String label;
    private final CodeSet codes;

    ConditionRule(Rule rule, String label, CodeSet codes) {
        this.rule = rule;
        this.label = label;
        this.codes = codes;
    }

    /** One finding per rule the condition's codes match, naming the first matching code. */
    static List<Finding> findingsFor(CodedEvidence condition) {
        List<Finding> findings = new ArrayList<>();
        for (ConditionRule conditionRule : values()) {
            conditionRule.codes.firstMatch(condition.codes()).ifPresent(code -> findings.add(conditionRule.rule.finding(
                    conditionRule.label + " on the problem list (" + CodeSystem.describe(code) + ")",
                    condition.reference())));
        }
        return findings;
    }

    /** The pregnancy-status Observation, when its value says pregnant. */
    static List<Finding> findingsForPregnancyStatus(CodedEvidence status) {
        return CodeSets.PREGNANT_STATUS.firstMatch(status.codes())
                .map(code -> Rule.PREGNANCY.finding(
                        "Pregnancy status recorded as pregnant (" + CodeSystem.describe(code) + ")", status.reference()))
                .stream()
                .toList();
    }
}
