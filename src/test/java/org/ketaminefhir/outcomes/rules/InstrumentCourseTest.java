package org.ketaminefhir.outcomes.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InstrumentCourseTest {

    private static final Instant FIRST_SESSION = Instant.parse("2026-02-23T09:00:00Z");

    @Test
    void theBaselineIsTheLastScoreBeforeTheFirstSession() {
        InstrumentCourse course = course(Instrument.PHQ9, Optional.of(FIRST_SESSION),
                point("2026-01-10", 23), point("2026-02-20", 21), point("2026-03-10", 12), point("2026-04-10", 4));

        assertThat(course.baseline().score()).isEqualTo(21);
        assertThat(course.latest().score()).isEqualTo(4);
        assertThat(course.change()).isEqualTo(-17);
        assertThat(course.percentChange()).isCloseTo(-80.95, org.assertj.core.data.Offset.offset(0.01));
        assertThat(course.response()).isTrue();
        assertThat(course.remission()).isTrue();
        assertThat(course.series()).hasSize(4);
    }

    @Test
    void withoutAScoreBeforeTheFirstSessionTheFirstScoreIsTheBaseline() {
        InstrumentCourse course = course(Instrument.PHQ9, Optional.of(FIRST_SESSION),
                point("2026-03-01", 19), point("2026-04-01", 14));

        assertThat(course.baseline().score()).isEqualTo(19);
        assertThat(course.response()).isFalse();
        assertThat(course.remission()).isFalse();
    }

    @Test
    void withoutSessionsTheFirstScoreIsTheBaseline() {
        assertThat(course(Instrument.GAD7, Optional.empty(), point("2026-01-01", 10), point("2026-02-01", 5))
                        .baseline().score())
                .isEqualTo(10);
    }

    @Test
    void aSingleScoreHasNoChangeResponseOrRemission() {
        InstrumentCourse course = course(Instrument.PHQ9, Optional.of(FIRST_SESSION), point("2026-02-20", 3));

        assertThat(course.hasFollowUp()).isFalse();
        assertThat(course.change()).isNull();
        assertThat(course.response()).isNull();
        assertThat(course.remission()).isNull();
    }

    @Test
    void scoresAtTheSameMomentCountOnceAndInvalidScoresNotAtAll() {
        InstrumentCourse course = course(Instrument.PHQ9, Optional.empty(),
                point("2026-01-01", 20), point("2026-01-01", 20), point("2026-02-01", 30), point("2026-03-01", 9));

        assertThat(course.series()).extracting(ScorePoint::score).containsExactly(20, 9);
    }

    @Test
    void instrumentsWithoutARemissionRuleGiveNone() {
        InstrumentCourse course = course(Instrument.PAIN_NRS, Optional.empty(), point("2026-01-01", 8), point("2026-02-01", 4));

        assertThat(course.response()).isTrue();
        assertThat(course.remission()).isNull();
    }

    @Test
    void noScoresNoCourse() {
        assertThat(InstrumentCourse.of(Instrument.PHQ9, List.of(), Optional.empty())).isEmpty();
    }

    @Test
    void cohortRatesCountOnlyPatientsWithFollowUp() {
        List<InstrumentCourse> courses = List.of(
                course(Instrument.PHQ9, Optional.empty(), point("2026-01-01", 21), point("2026-03-01", 4)),
                course(Instrument.PHQ9, Optional.empty(), point("2026-01-01", 19), point("2026-03-01", 14)),
                course(Instrument.PHQ9, Optional.empty(), point("2026-01-01", 16), point("2026-03-01", 8)),
                course(Instrument.PHQ9, Optional.empty(), point("2026-01-01", 12)),
                course(Instrument.GAD7, Optional.empty(), point("2026-01-01", 12), point("2026-03-01", 2)));

        CohortResult phq9 = CohortResult.of(Instrument.PHQ9, courses);

        assertThat(phq9.patients()).isEqualTo(3);
        assertThat(phq9.responders()).isEqualTo(2);
        assertThat(phq9.remitters()).isEqualTo(1);
        assertThat(phq9.responseRate()).isCloseTo(0.667, org.assertj.core.data.Offset.offset(0.001));
        assertThat(phq9.remissionRate()).isCloseTo(0.333, org.assertj.core.data.Offset.offset(0.001));
        assertThat(CohortResult.of(Instrument.PCL5, courses).responseRate()).isNull();
        assertThat(CohortResult.of(Instrument.PAIN_NRS, List.of(
                        course(Instrument.PAIN_NRS, Optional.empty(), point("2026-01-01", 8), point("2026-02-01", 4))))
                .remissionRate()).isNull();
    }

    private static InstrumentCourse course(Instrument instrument, Optional<Instant> firstSession, ScorePoint... points) {
        return InstrumentCourse.of(instrument, List.of(points), firstSession).orElseThrow();
    }

    private static ScorePoint point(String day, int score) {
        return new ScorePoint(Instant.parse(day + "T10:00:00Z"), score, "Observation/" + day);
    }
}
