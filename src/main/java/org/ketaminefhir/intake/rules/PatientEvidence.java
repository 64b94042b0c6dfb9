package org.ketaminefhir.intake.rules;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Everything the rules look at. The adapter leaves out inactive or refuted Conditions and stopped medications. */
public record PatientEvidence(
        Optional<IntakeAnswers> intake,
        List<CodedEvidence> conditions,
        List<CodedEvidence> medications,
        Optional<CodedEvidence> pregnancyStatus,
        Optional<BloodPressureReading> latestBloodPressure) {

    public PatientEvidence {
        Objects.requireNonNull(intake, "intake");
        conditions = List.copyOf(conditions);
        medications = List.copyOf(medications);
        Objects.requireNonNull(pregnancyStatus, "pregnancyStatus");
        Objects.requireNonNull(latestBloodPressure, "latestBloodPressure");
    }

    /** Nothing at all: no intake form and nothing from the record. */
    public boolean isEmpty() {
        return intake.isEmpty() && !hasRecordEvidence();
    }

    /** Anything from the health record (conditions, medications, pregnancy status, blood pressure). */
    public boolean hasRecordEvidence() {
        return !conditions.isEmpty()
                || !medications.isEmpty()
                || pregnancyStatus.isPresent()
                || latestBloodPressure.isPresent();
    }
}
