package org.ketaminefhir.outcomes.rules;

import java.util.List;

/**
 * Response and remission across patients on one instrument. Only patients with a baseline and a later score count;
 * remission rates exist only for instruments with a remission rule.
 */
public record CohortResult(Instrument instrument, int patients, int responders, Integer remitters) {

    public static CohortResult of(Instrument instrument, List<InstrumentCourse> courses) {
        List<InstrumentCourse> followed = courses.stream()
                .filter(c -> c.instrument() == instrument && c.hasFollowUp())
                .toList();
        int responders = (int) followed.stream().filter(c -> Boolean.TRUE.equals(c.response())).count();
        boolean hasRemissionRule = instrument.isRemission(0).isPresent();
        Integer remitters = hasRemissionRule
                ? (int) followed.stream().filter(c -> Boolean.TRUE.equals(c.remission())).count()
                : null;
        return new CohortResult(instrument, followed.size(), responders, remitters);
    }

    /** Share of counted patients who responded, 0–1; null when no patient counts. */
    public Double responseRate() {
        return patients == 0 ? null : (double) responders / patients;
    }

    /** Share of counted patients in remission, 0–1; null without patients or without a remission rule. */
    public Double remissionRate() {
        return patients == 0 || remitters == null ? null : (double) remitters / patients;
    }
}
