package org.ketaminefhir.outcomes.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScoredFormTest {

    private static final String LOINC = "http://loinc.org";

    @ParameterizedTest(name = "{0} all items {1} → {2}")
    @CsvSource({
        "PHQ9, 0, 0", "PHQ9, 1, 9", "PHQ9, 3, 27", "GAD7, 0, 0", "GAD7, 3, 21", "PCL5, 4, 80", "PCL5, 2, 40",
        "PAIN_NRS, 10, 10", "PAIN_NRS, 0, 0"
    })
    void theTotalIsTheSumOfEveryItem(ScoredForm form, int points, int total) {
        assertThat(form.score(all(form, ItemAnswer.ofInteger(points))).totalScore()).contains(total);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"LA6568-5, 0", "LA6569-3, 1", "LA6570-1, 2", "LA6571-9, 3"})
    void loincAnswersOfListLl358_3CountTheirPoints(String answer, int points) {
        FormScore score = ScoredForm.PHQ9.score(all(ScoredForm.PHQ9, ItemAnswer.ofCode(LOINC, answer)));
        assertThat(score.totalScore()).contains(9 * points);
        assertThat(score.warnings()).isEmpty();
    }

    @Test
    void anOrdinalValueWinsOverTheCode() {
        FormScore score = ScoredForm.GAD7.score(all(ScoredForm.GAD7, ItemAnswer.ofCode("urn:ehr", "often", 2.0)));
        assertThat(score.totalScore()).contains(14);
    }

    @Test
    void pcl5ResponsesCountTheirCode() {
        FormScore score = ScoredForm.PCL5.score(all(ScoredForm.PCL5,
                ItemAnswer.ofCode("https://ketamine-fhir.org/ig/CodeSystem/pcl5-response", "3")));
        assertThat(score.totalScore()).contains(60);
    }

    @Test
    void oneUnansweredItemMeansNoTotal() {
        Map<String, ItemAnswer> answers = all(ScoredForm.PHQ9, ItemAnswer.ofInteger(2));
        answers.remove("44260-8");

        FormScore score = ScoredForm.PHQ9.score(answers);

        assertThat(score.totalScore()).isEmpty();
        assertThat(score.itemPoints()).hasSize(8);
        assertThat(score.warnings()).containsExactly(
                "PHQ-9: 1 of 9 items unanswered (44260-8); the total needs every item, so none is computed");
    }

    @ParameterizedTest(name = "{0} item worth {1}")
    @CsvSource({"PHQ9, 4", "PHQ9, -1", "GAD7, 4", "PCL5, 5", "PAIN_NRS, 11"})
    void anAnswerOutsideTheItemRangeIsNotCounted(ScoredForm form, int points) {
        Map<String, ItemAnswer> answers = all(form, ItemAnswer.ofInteger(0));
        answers.put(form.items().get(0), ItemAnswer.ofInteger(points));

        FormScore score = form.score(answers);

        assertThat(score.totalScore()).isEmpty();
        assertThat(score.warnings().get(0)).startsWith(form.title() + " item " + form.items().get(0) + " has an answer");
    }

    @Test
    void anUnknownCodeIsNotCounted() {
        Map<String, ItemAnswer> answers = all(ScoredForm.PHQ9, ItemAnswer.ofInteger(1));
        answers.put("44250-9", ItemAnswer.ofCode(LOINC, "LA33-6"));
        assertThat(ScoredForm.PHQ9.score(answers).totalScore()).isEmpty();
    }

    @Test
    void aStatedTotalThatDisagreesIsReportedAndTheComputedOneKept() {
        Map<String, ItemAnswer> answers = all(ScoredForm.PHQ9, ItemAnswer.ofInteger(1));
        answers.put("44261-6", ItemAnswer.ofInteger(12));

        FormScore score = ScoredForm.PHQ9.score(answers);

        assertThat(score.totalScore()).contains(9);
        assertThat(score.warnings()).containsExactly(
                "PHQ-9: the form states a total of 12 but its items add up to 9; the computed total is used");
    }

    @Test
    void aFormWithOnlyItsTotalKeepsThatTotal() {
        Map<String, ItemAnswer> answers = new LinkedHashMap<>();
        answers.put("70274-6", ItemAnswer.ofInteger(12));

        assertThat(ScoredForm.foundIn(answers)).containsExactly(ScoredForm.GAD7);
        assertThat(ScoredForm.GAD7.score(answers).totalScore()).contains(12);
    }

    @Test
    void formsAreFoundWhenAtLeastHalfTheirItemsAreAnswered() {
        Map<String, ItemAnswer> answers = new LinkedHashMap<>();
        List.of("44250-9", "44255-8", "44259-0", "44254-1").forEach(i -> answers.put(i, ItemAnswer.ofInteger(0)));
        assertThat(ScoredForm.foundIn(answers)).isEmpty();

        answers.put("44251-7", ItemAnswer.ofInteger(0));
        answers.putAll(all(ScoredForm.GAD7, ItemAnswer.ofInteger(0)));
        assertThat(ScoredForm.foundIn(answers)).containsExactly(ScoredForm.PHQ9, ScoredForm.GAD7);
    }

    private static Map<String, ItemAnswer> all(ScoredForm form, ItemAnswer answer) {
        Map<String, ItemAnswer> answers = new LinkedHashMap<>();
        form.items().forEach(item -> answers.put(item, answer));
        return answers;
    }
}
