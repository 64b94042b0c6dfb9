package org.ketaminefhir.records;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse;

/**
 * The answers of a QuestionnaireResponse keyed by item, groups flattened (the first answer of an item counts). A linkId's leading "/" is dropped, so our
 * forms, the US Core PHQ-9 ("/44250-9") and plain LOINC linkIds ("44250-9") read the same.
 */
public final class FormAnswers {

    /** LOINC answer list LL5384-4: Yes / No [LOINC]. */
    public static final String YES = "LA33-6";
    public static final String NO = "LA32-8";

    private final Map<String, QuestionnaireResponseItemAnswerComponent> byItem = new LinkedHashMap<>();

    public FormAnswers(QuestionnaireResponse response) {
        collect(response.getItem());
    }

    private void collect(List<QuestionnaireResponseItemComponent> items) {
        for (QuestionnaireResponseItemComponent item : items) {
            if (item.hasAnswer() && item.hasLinkId()) {
                byItem.putIfAbsent(key(item.getLinkId()), item.getAnswerFirstRep());
            }
            collect(item.getItem());
            item.getAnswer().forEach(answer -> collect(answer.getItem()));
        }
    }

    public static String key(String linkId) {
        return linkId.startsWith("/") ? linkId.substring(1) : linkId;
    }

    /** The first answer to the item, or null. */
    public QuestionnaireResponseItemAnswerComponent answer(String item) {
        return byItem.get(item);
    }

    /** The items answered, keys without a leading "/", in form order. */
    public java.util.Set<String> items() {
        return byItem.keySet();
    }

    /** Every yes/no answer, coded (LOINC LL5384-4) or boolean. */
    public Map<String, Boolean> yesNo() {
        Map<String, Boolean> answers = new LinkedHashMap<>();
        byItem.forEach((item, answer) -> {
            if (answer.getValue() instanceof BooleanType bool && bool.getValue() != null) {
                answers.put(item, bool.getValue());
            } else if (answer.getValue() instanceof Coding coding && Codes.LOINC.equals(coding.getSystem())) {
                if (YES.equals(coding.getCode())) {
                    answers.put(item, true);
                } else if (NO.equals(coding.getCode())) {
                    answers.put(item, false);
                }
            }
        });
        return answers;
    }

    /** The ordinalValue extension of a coded answer, or null. */
    public static Double ordinal(Coding coding) {
        Extension extension = coding.getExtensionByUrl(Codes.ORDINAL_VALUE);
        if (extension != null && extension.getValue() instanceof DecimalType decimal && decimal.getValue() != null) {
            return decimal.getValue().doubleValue();
        }
        return null;
    }
}
