package org.ketaminefhir.outcomes.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CssrsScreenerTest {

    /** Answers per item 1, 2, 3, 4, 5, 6, 6b: y = yes, n = no, - = not asked. */
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "nn---n-, NONE", "yn---n-, LOW", "nynnnn-, LOW", "yynnnn-, LOW", "yyynnn-, MODERATE", "nn---yn, MODERATE",
        "yyyynn-, HIGH", "yynnyn-, HIGH", "nn---yy, HIGH", "yyyyyyy, HIGH"
    })
    void riskLevels(String answers, CssrsRisk risk) {
        assertThat(CssrsScreener.risk(answers(answers))).contains(risk);
    }

    @Test
    void anAlwaysAskedItemUnansweredGivesNoRisk() {
        Map<String, Boolean> answers = answers("yn-----");
        assertThat(CssrsScreener.isFoundIn(answers)).isTrue();
        assertThat(CssrsScreener.risk(answers)).isEmpty();
        assertThat(CssrsScreener.missing(answers)).containsExactly(CssrsScreener.BEHAVIOUR_LIFETIME);
    }

    /** A yes to thoughts without the method/intent/plan follow-ups, or to behaviour without its recency: no guess. */
    @ParameterizedTest(name = "{0} → missing {1}")
    @CsvSource({"yy---n-, 93248-3 93249-1 93250-9", "yynn-n-, 93250-9", "nn---y-, 93269-9"})
    void aMissingFollowUpGivesNoRisk(String pattern, String missing) {
        Map<String, Boolean> answers = answers(pattern);
        assertThat(CssrsScreener.risk(answers)).isEmpty();
        assertThat(CssrsScreener.missing(answers)).containsExactly(missing.split(" "));
    }

    @Test
    void oneItemIsNotAScreener() {
        assertThat(CssrsScreener.isFoundIn(answers("y------"))).isFalse();
    }

    private static Map<String, Boolean> answers(String pattern) {
        Map<String, Boolean> answers = new LinkedHashMap<>();
        for (int i = 0; i < pattern.length(); i++) {
            if (pattern.charAt(i) != '-') {
                answers.put(CssrsScreener.ITEMS.get(i), pattern.charAt(i) == 'y');
            }
        }
        return answers;
    }
}
