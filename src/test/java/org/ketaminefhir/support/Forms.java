package org.ketaminefhir.support;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;

/** QuestionnaireResponses for the outcome instruments, as our forms and as EHR-style LOINC forms send them. */
public final class Forms {

    public static final String IG = "https://ketamine-fhir.org/ig/Questionnaire/";
    public static final String[] PHQ9_ITEMS = {
        "44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8"
    };
    public static final String[] GAD7_ITEMS = {"69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7"};
    /** LOINC LL358-3 answers by points. */
    private static final String[] LL358_3 = {"LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"};

    private Forms() {}

    /** A completed response to {@code questionnaire} for the patient, one answer per item in the given order. */
    public static QuestionnaireResponse response(String questionnaire, String patientId, Map<String, Type> answers) {
        QuestionnaireResponse response = new QuestionnaireResponse();
        response.setQuestionnaire(questionnaire);
        response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        response.setSubject(new Reference("Patient/" + patientId));
        response.setAuthored(new Date());
        answers.forEach((linkId, value) -> response.addItem().setLinkId(linkId).addAnswer().setValue(value));
        return response;
    }

    /** Our PHQ-9 ("/44250-9" linkIds, LOINC answers); a negative point value leaves that item unanswered. */
    public static QuestionnaireResponse phq9(String patientId, int... points) {
        return response(IG + "phq-9", patientId, coded("/", PHQ9_ITEMS, points));
    }

    public static QuestionnaireResponse gad7(String patientId, int... points) {
        return response(IG + "gad-7", patientId, coded("/", GAD7_ITEMS, points));
    }

    /** Item linkId → LOINC LL358-3 answer for each point value (negative: item left out). */
    public static Map<String, Type> coded(String prefix, String[] items, int... points) {
        Map<String, Type> answers = new LinkedHashMap<>();
        for (int i = 0; i < items.length; i++) {
            if (points[i] >= 0) {
                answers.put(prefix + items[i], new Coding("http://loinc.org", LL358_3[points[i]], null));
            }
        }
        return answers;
    }

    public static Map<String, Type> integers(String[] items, int... points) {
        Map<String, Type> answers = new LinkedHashMap<>();
        for (int i = 0; i < items.length; i++) {
            answers.put(items[i], new IntegerType(points[i]));
        }
        return answers;
    }

    public static Map<String, Type> yesNo(String[] items, boolean... yes) {
        Map<String, Type> answers = new LinkedHashMap<>();
        for (int i = 0; i < items.length; i++) {
            answers.put("/" + items[i], new Coding("http://loinc.org", yes[i] ? "LA33-6" : "LA32-8", yes[i] ? "Yes" : "No"));
        }
        return answers;
    }

    public static BooleanType yes() {
        return new BooleanType(true);
    }
}
