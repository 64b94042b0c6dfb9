package org.ketaminefhir.intake.rules;

import java.util.Objects;

/** A blood pressure Observation's systolic and diastolic values in mmHg. */
public record BloodPressureReading(String reference, int systolic, int diastolic) {

    public BloodPressureReading {
        Objects.requireNonNull(reference, "reference");
    }
}
