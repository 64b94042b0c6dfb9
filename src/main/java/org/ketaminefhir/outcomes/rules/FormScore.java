package org.ketaminefhir.outcomes.rules;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result of scoring one instrument on a form: the total when the instrument's rule allows one, the points of each
 * answered item, and warnings a sender should see (unanswered items, unreadable answers, a stated total that differs).
 */
public record FormScore(ScoredForm form, Integer total, Map<String, Integer> itemPoints, List<String> warnings) {

    public Optional<Integer> totalScore() {
        return Optional.ofNullable(total);
    }
}
