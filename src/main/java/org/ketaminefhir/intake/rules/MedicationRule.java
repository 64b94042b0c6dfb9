package org.ketaminefhir.intake.rules;

import java.util.ArrayList;
import java.util.List;

/** Which medication codes (RxNorm ingredients, ATC classes) trigger which interaction caution. */
enum MedicationRule {
    BENZODIAZEPINE(Rule.BENZODIAZEPINE, "Benzodiazepine", CodeSets.BENZODIAZEPINES),
    OPIOID(Rule.OPIOID, "Opioid", CodeSets.OPIOIDS),
    MAOI(Rule.MAOI, "Monoamine oxidase inhibitor", CodeSets.MAOIS),
    ANTIDEPRESSANT(Rule.ANTIDEPRESSANT, "Antidepressant", CodeSets.OTHER_ANTIDEPRESSANTS),
    ANTIPSYCHOTIC(Rule.ANTIPSYCHOTIC, "Antipsychotic", CodeSets.ANTIPSYCHOTICS),
    LAMOTRIGINE(Rule.LAMOTRIGINE, "Lamotrigine", CodeSets.LAMOTRIGINE),
    STIMULANT(Rule.STIMULANT, "Psychostimulant", CodeSets.STIMULANTS),
    THEOPHYLLINE(Rule.THEOPHYLLINE, "Theophylline or aminophylline", CodeSets.THEOPHYLLINES);

    private final Rule rule;
    private final String label;
    private final CodeSet codes;

    MedicationRule(Rule rule, String label, CodeSet codes) {
        this.rule = rule;
        this.label = label;
        this.codes = codes;
    }

    /** One finding per rule the medication's codes match, naming the first matching code. */
    static List<Finding> findingsFor(CodedEvidence medication) {
        List<Finding> findings = new ArrayList<>();
        for (MedicationRule medicationRule : values()) {
            medicationRule.codes.firstMatch(medication.codes()).ifPresent(code -> findings.add(medicationRule.rule.finding(
                    medicationRule.label + " on the medication list (" + CodeSystem.describe(code) + ")",
                    medication.reference())));
        }
        return findings;
    }
}
