package org.ketaminefhir.outcomes;

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
import org.ketaminefhir.outcomes.rules.ItemAnswer;

/**
 * The answers of a QuestionnaireResponse keyed by item, groups flattened. A linkId's leading "/" is dropped, so our
 * forms, the US Core PHQ-9 ("/44250-9") and plain LOINC linkIds ("44250-9") read the same.
 */
final class FormAnswers {

    /** The SDC/core extension that carries an answer's points on a coded answer [USC] [SDC]. */
    static final String ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
    /** LOINC answer list LL5384-4: Yes / No [LOINC]. */
    static final String YES = "LA33-6";
    static final String NO = "LA32-8";

    private final Map<String, QuestionnaireResponseItemAnswerComponent> byItem = new LinkedHashMap<>();

    FormAnswers(QuestionnaireResponse response) {
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

    static String key(String linkId) {
        return linkId.startsWith("/") ? linkId.substring(1) : linkId;
    }

    QuestionnaireResponseItemAnswerComponent answer(String item) {
        return byItem.get(item);
    }

    /** Every answer as the scoring rules read it. */
    Map<String, ItemAnswer> scored() {
        Map<String, ItemAnswer> answers = new LinkedHashMap<>();
        byItem.forEach((item, answer) -> {
            if (answer.getValue() instanceof IntegerType integer && integer.getValue() != null) {
                answers.put(item, ItemAnswer.ofInteger(integer.getValue()));
            } else if (answer.getValue() instanceof Coding coding) {
                answers.put(item, ItemAnswer.ofCode(coding.getSystem(), coding.getCode(), ordinal(coding)));
            }
        });
        return answers;
    }

    /** Every yes/no answer, coded (LOINC LL5384-4) or boolean. */
    Map<String, Boolean> yesNo() {
        Map<String, Boolean> answers = new LinkedHashMap<>();
        byItem.forEach((item, answer) -> {
            if (answer.getValue() instanceof BooleanType bool && bool.getValue() != null) {
                answers.put(item, bool.getValue());
            } else if (answer.getValue() instanceof Coding coding && "http://loinc.org".equals(coding.getSystem())) {
                if (YES.equals(coding.getCode())) {
                    answers.put(item, true);
                } else if (NO.equals(coding.getCode())) {
                    answers.put(item, false);
                }
            }
        });
        return answers;
    }

    private static Double ordinal(Coding coding) {
        Extension extension = coding.getExtensionByUrl(ORDINAL_VALUE);
        if (extension != null && extension.getValue() instanceof DecimalType decimal && decimal.getValue() != null) {
            return decimal.getValue().doubleValue();
        }
        return null;
    }
}
