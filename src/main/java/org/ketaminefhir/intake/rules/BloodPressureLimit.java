package org.ketaminefhir.intake.rules;

import java.util.List;

/** The resting blood pressure above which ketamine is contraindicated: above either limit, not at it. */
record BloodPressureLimit(int systolic, int diastolic) {

    BloodPressureLimit {
        if (systolic <= 0 || diastolic <= 0) {
            throw new IllegalArgumentException(
                    "Blood pressure limits must be positive, not " + systolic + "/" + diastolic + " mmHg");
        }
    }

    boolean isExceededBy(BloodPressureReading reading) {
        return reading.systolic() > systolic || reading.diastolic() > diastolic;
    }

    List<Finding> findingsFor(BloodPressureReading reading) {
        if (!isExceededBy(reading)) {
            return List.of();
        }
        return List.of(Rule.UNCONTROLLED_HYPERTENSION.finding(
                "Blood pressure " + reading.systolic() + "/" + reading.diastolic() + " mmHg is above "
                        + systolic + "/" + diastolic + " mmHg at rest",
                reading.reference()));
    }
}
