package org.ketaminefhir.session.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which alerts a reading taken during a session raises: absolute limits always, and for blood pressure the rise from
 * the session's pre-dose baseline when there is one. A reading exactly at a limit is not beyond it; a rise exactly at
 * the threshold counts (the label says "at least").
 */
public final class VitalSignAlerts {

    private final AlertThresholds limits;

    public VitalSignAlerts(AlertThresholds limits) {
        this.limits = limits;
    }

    public List<SafetyAlert> evaluate(VitalReading reading, Optional<VitalReading> baseline) {
        List<SafetyAlert> alerts = new ArrayList<>();
        switch (reading.sign()) {
            case BLOOD_PRESSURE -> {
                if (reading.systolic() > limits.systolicLimit() || reading.diastolic() > limits.diastolicLimit()) {
                    alerts.add(new SafetyAlert(AlertType.BP_ABOVE_LIMIT, true, "Blood pressure " + reading.display()
                            + " is above the limit of " + limits.systolicLimit() + "/" + limits.diastolicLimit()
                            + " mm[Hg]"));
                }
                baseline.filter(b -> b.sign() == VitalSign.BLOOD_PRESSURE).ifPresent(b -> rise(reading, b, alerts));
            }
            case HEART_RATE -> {
                if (reading.value() < limits.heartRateLow() || reading.value() > limits.heartRateHigh()) {
                    alerts.add(new SafetyAlert(AlertType.HEART_RATE_OUT_OF_RANGE, false, "Heart rate "
                            + reading.display() + " is outside " + limits.heartRateLow() + "-" + limits.heartRateHigh()
                            + " /min"));
                }
            }
            case OXYGEN_SATURATION -> {
                if (reading.value() < limits.oxygenSaturationLow()) {
                    alerts.add(new SafetyAlert(AlertType.LOW_OXYGEN_SATURATION, true, "Oxygen saturation "
                            + reading.display() + " is below " + limits.oxygenSaturationLow() + " %"));
                }
            }
            case RESPIRATORY_RATE -> {
                if (reading.value() < limits.respiratoryRateLow() || reading.value() > limits.respiratoryRateHigh()) {
                    alerts.add(new SafetyAlert(AlertType.RESPIRATORY_RATE_OUT_OF_RANGE, false, "Respiratory rate "
                            + reading.display() + " is outside " + limits.respiratoryRateLow() + "-"
                            + limits.respiratoryRateHigh() + " /min"));
                }
            }
        }
        return alerts;
    }

    private void rise(VitalReading reading, VitalReading baseline, List<SafetyAlert> alerts) {
        double systolicRise = reading.systolic() - baseline.systolic();
        double diastolicRise = reading.diastolic() - baseline.diastolic();
        if (systolicRise >= limits.systolicRise() || diastolicRise >= limits.diastolicRise()) {
            alerts.add(new SafetyAlert(AlertType.BP_RISE_FROM_BASELINE, false, "Blood pressure " + reading.display()
                    + " is " + signed(systolicRise) + "/" + signed(diastolicRise) + " mm[Hg] from the pre-dose baseline "
                    + baseline.display() + " (alert at a rise of " + limits.systolicRise() + " systolic or "
                    + limits.diastolicRise() + " diastolic)"));
        }
    }

    private static String signed(double change) {
        String number = change == Math.rint(change) ? String.valueOf((long) change) : String.valueOf(change);
        return change >= 0 ? "+" + number : number;
    }
}
