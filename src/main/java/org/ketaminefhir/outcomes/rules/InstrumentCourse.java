package org.ketaminefhir.outcomes.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One patient's course on one instrument. The baseline is the last score before the first ketamine session (the
 * first score when there was none before it, or no session); the latest is the last score. Change, response and
 * remission need a score after the baseline, so they are null without one. Two scores at the same moment (an EHR's
 * total and the one extracted from the same form) count once.
 */
public record InstrumentCourse(
        Instrument instrument,
        List<ScorePoint> series,
        ScorePoint baseline,
        ScorePoint latest,
        Integer change,
        Double percentChange,
        Boolean response,
        Boolean remission) {

    public static Optional<InstrumentCourse> of(Instrument instrument, List<ScorePoint> scores, Optional<Instant> firstSession) {
        Map<Instant, ScorePoint> byTime = new LinkedHashMap<>();
        scores.stream()
                .filter(p -> instrument.isValidScore(p.score()))
                .sorted(Comparator.comparing(ScorePoint::when))
                .forEach(p -> byTime.putIfAbsent(p.when(), p));
        List<ScorePoint> series = new ArrayList<>(byTime.values());
        if (series.isEmpty()) {
            return Optional.empty();
        }
        ScorePoint baseline = series.get(0);
        if (firstSession.isPresent()) {
            for (ScorePoint point : series) {
                if (point.when().isBefore(firstSession.get())) {
                    baseline = point;
                }
            }
        }
        ScorePoint latest = series.get(series.size() - 1);
        if (!latest.when().isAfter(baseline.when())) {
            return Optional.of(new InstrumentCourse(instrument, series, baseline, latest, null, null, null, null));
        }
        int before = baseline.score();
        int after = latest.score();
        return Optional.of(new InstrumentCourse(
                instrument,
                series,
                baseline,
                latest,
                Response.change(before, after),
                Response.percentChange(before, after),
                Response.isResponse(before, after),
                instrument.isRemission(after).orElse(null)));
    }

    /** Whether there is a score after the baseline to judge the course by. */
    public boolean hasFollowUp() {
        return change != null;
    }
}
