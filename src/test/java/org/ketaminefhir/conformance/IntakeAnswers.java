package org.ketaminefhir.conformance;

import java.util.List;
import java.util.stream.Collectors;

/** The items of a complete answer to the intake questionnaire, for test fixtures. */
final class IntakeAnswers {

    static final List<String> HISTORY = List.of(
            "psychosis-history", "substance-use-disorder", "ketamine-misuse", "cardiovascular-disease",
            "uncontrolled-hypertension", "aneurysm-avm-bleed", "liver-disease", "pregnant-or-nursing");
    static final List<String> MEDICATIONS = List.of(
            "benzodiazepines", "antidepressants", "maois", "antipsychotics", "lamotrigine", "opioids", "stimulants");

    private IntakeAnswers() {}

    /** Treatment-resistant depression, every history and medication question answered no, consent given. */
    static String allNo() {
        return "[{\"linkId\":\"indication\",\"answer\":[{\"valueCoding\":{\"system\":\"http://snomed.info/sct\","
                + "\"code\":\"1153570009\",\"display\":\"Treatment resistant depression\"}}]},"
                + group("history", HISTORY) + "," + group("current-medications", MEDICATIONS) + ","
                + "{\"linkId\":\"informed-consent\",\"answer\":[{\"valueBoolean\":true}]}]";
    }

    private static String group(String linkId, List<String> items) {
        return "{\"linkId\":\"" + linkId + "\",\"item\":["
                + items.stream()
                        .map(item -> "{\"linkId\":\"" + item + "\",\"answer\":[{\"valueBoolean\":false}]}")
                        .collect(Collectors.joining(","))
                + "]}";
    }
}
