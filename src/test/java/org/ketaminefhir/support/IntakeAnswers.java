package org.ketaminefhir.support;

import java.util.List;
import java.util.stream.Collectors;

/** The items of a complete answer to the intake questionnaire, for test fixtures. */
public final class IntakeAnswers {

    public static final List<String> HISTORY = List.of(
            "psychosis-history", "substance-use-disorder", "ketamine-misuse", "cardiovascular-disease",
            "uncontrolled-hypertension", "aneurysm-avm-bleed", "liver-disease", "pregnant-or-nursing");
    public static final List<String> MEDICATIONS = List.of(
            "benzodiazepines", "antidepressants", "maois", "antipsychotics", "lamotrigine", "opioids", "stimulants");

    private IntakeAnswers() {}

    /** Treatment-resistant depression, every history and medication question answered no, consent given. */
    public static String allNo() {
        return withYes();
    }

    /** Like {@link #allNo()}, except the given history or medication items are answered yes. */
    public static String withYes(String... yes) {
        List<String> yesItems = List.of(yes);
        return "[{\"linkId\":\"indication\",\"answer\":[{\"valueCoding\":{\"system\":\"http://snomed.info/sct\","
                + "\"code\":\"1153570009\",\"display\":\"Treatment resistant depression\"}}]},"
                + group("history", HISTORY, yesItems) + "," + group("current-medications", MEDICATIONS, yesItems) + ","
                + "{\"linkId\":\"informed-consent\",\"answer\":[{\"valueBoolean\":true}]}]";
    }

    /** A completed intake QuestionnaireResponse for the patient, as JSON, with the given items answered yes. */
    public static String response(String patientId, String authored, String... yes) {
        return "{\"resourceType\":\"QuestionnaireResponse\",\"status\":\"completed\","
                + "\"questionnaire\":\"https://ketamine-fhir.org/ig/Questionnaire/ketamine-intake\","
                + "\"subject\":{\"reference\":\"Patient/" + patientId + "\"},\"authored\":\"" + authored + "\","
                + "\"item\":" + withYes(yes) + "}";
    }

    private static String group(String linkId, List<String> items, List<String> yes) {
        return "{\"linkId\":\"" + linkId + "\",\"item\":["
                + items.stream()
                        .map(item -> "{\"linkId\":\"" + item + "\",\"answer\":[{\"valueBoolean\":" + yes.contains(item) + "}]}")
                        .collect(Collectors.joining(","))
                + "]}";
    }
}
