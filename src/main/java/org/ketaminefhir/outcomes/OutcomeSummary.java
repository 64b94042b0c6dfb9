package org.ketaminefhir.outcomes;

import java.util.Locale;
import org.hl7.fhir.r4.model.DateType;
import org.ketaminefhir.outcomes.rules.CohortResult;
import org.ketaminefhir.outcomes.rules.InstrumentCourse;

/** The readable sentences of {@code $ketamine-outcomes}. */
final class OutcomeSummary {

    private OutcomeSummary() {}

    static String patient(InstrumentCourse course) {
        String name = title(course);
        if (!course.hasFollowUp()) {
            return name + ": baseline " + course.baseline().score() + ", no later score yet.";
        }
        StringBuilder text = new StringBuilder(name + ": " + course.baseline().score() + " → " + course.latest().score());
        if (course.percentChange() != null) {
            text.append(String.format(Locale.ROOT, " (%+.0f %%)", course.percentChange()));
        }
        text.append(Boolean.TRUE.equals(course.response()) ? ", response" : ", no response");
        if (course.remission() != null) {
            text.append(course.remission() ? ", remission" : ", not in remission");
        }
        return text.append('.').toString();
    }

    static String course(PatientCourse course) {
        return course.sessions() + " ketamine session(s), " + course.cumulativeDoseMg().stripTrailingZeros().toPlainString()
                + " mg in total, " + course.safetyAlerts() + " safety alert(s).";
    }

    static String cohort(CohortResult cohort) {
        String text = cohort.instrument().title() + ": " + cohort.responders() + " of "
                + cohort.patients() + " responded";
        if (cohort.remitters() != null) {
            text += ", " + cohort.remitters() + " in remission";
        }
        return text + ".";
    }

    static String period(DateType start, DateType end) {
        if (start == null && end == null) {
            return "";
        }
        return " from " + (start == null ? "the beginning" : start.getValueAsString()) + " to "
                + (end == null ? "today" : end.getValueAsString());
    }

    private static String title(InstrumentCourse course) {
        return course.instrument().title();
    }
}
