package org.ketaminefhir.outcomes.rules;

import java.util.Map;
import java.util.Optional;

/** The points of coded answers, for senders that give the code without an ordinal value. */
final class AnswerScores {

    static final String LOINC = "http://loinc.org";

    /** LOINC answer list LL358-3 (PHQ-9 and GAD-7 items): not at all 0 … nearly every day 3 [LOINC]. */
    private static final Map<String, Integer> LL358_3 = Map.of(
            "LA6568-5", 0,
            "LA6569-3", 1,
            "LA6570-1", 2,
            "LA6571-9", 3);

    /** Our PCL-5 response codes are the item points 0–4 (profiles/CodeSystem/pcl5-response.json). */
    static final String PCL5_RESPONSE = "https://ketamine-fhir.org/ig/CodeSystem/pcl5-response";

    private AnswerScores() {}

    /** The points an answer is worth, or empty when the answer carries nothing the rules can count. */
    static Optional<Integer> points(ItemAnswer answer) {
        if (answer.integer() != null) {
            return Optional.of(answer.integer());
        }
        if (answer.ordinal() != null) {
            double ordinal = answer.ordinal();
            return ordinal == Math.rint(ordinal) ? Optional.of((int) ordinal) : Optional.empty();
        }
        if (LOINC.equals(answer.system()) && answer.code() != null) {
            return Optional.ofNullable(LL358_3.get(answer.code()));
        }
        if (PCL5_RESPONSE.equals(answer.system()) && answer.code() != null && answer.code().matches("[0-4]")) {
            return Optional.of(Integer.parseInt(answer.code()));
        }
        return Optional.empty();
    }
}
