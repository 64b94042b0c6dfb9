package org.ketaminefhir.outcomes;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ketaminefhir.outcomes.rules.InstrumentCourse;

/** What the server knows of one patient's course: outcome scores per instrument, sessions, dose and alerts. */
record PatientCourse(
        String patientId,
        List<InstrumentCourse> instruments,
        int sessions,
        Optional<Instant> firstSession,
        BigDecimal cumulativeDoseMg,
        int safetyAlerts) {}
