package org.ketaminefhir.intake.rules;

import java.util.Map;
import java.util.Objects;

/** The intake questionnaire's yes/no answers by linkId (true = yes); unanswered linkIds are absent. */
public record IntakeAnswers(String reference, Map<String, Boolean> answers) {

    public IntakeAnswers {
        Objects.requireNonNull(reference, "reference");
        answers = Map.copyOf(answers);
    }

    /** Whether the question was answered with exactly this value. */
    boolean answered(String linkId, boolean value) {
        return Boolean.valueOf(value).equals(answers.get(linkId));
    }
}
