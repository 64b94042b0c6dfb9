package org.ketaminefhir.session;

import org.ketaminefhir.session.rules.AlertThresholds;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * In-session alert thresholds, bound from {@code ketamine.alerts.*}; the defaults and their sources are documented on
 * {@link AlertThresholds} and in the README. Inconsistent values stop the server at start-up.
 */
@ConfigurationProperties("ketamine.alerts")
public record SafetyAlertProperties(
        @DefaultValue("180") int systolicLimit,
        @DefaultValue("100") int diastolicLimit,
        @DefaultValue("40") int systolicRise,
        @DefaultValue("25") int diastolicRise,
        @DefaultValue("50") int heartRateLow,
        @DefaultValue("120") int heartRateHigh,
        @DefaultValue("92") int oxygenSaturationLow,
        @DefaultValue("10") int respiratoryRateLow,
        @DefaultValue("24") int respiratoryRateHigh) {

    public AlertThresholds thresholds() {
        try {
            return new AlertThresholds(systolicLimit, diastolicLimit, systolicRise, diastolicRise, heartRateLow,
                    heartRateHigh, oxygenSaturationLow, respiratoryRateLow, respiratoryRateHigh);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ketamine.alerts: " + e.getMessage(), e);
        }
    }
}
