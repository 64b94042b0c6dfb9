package org.ketaminefhir.session.rules;

/**
 * The limits a clinic alerts on. Blood pressure defaults come from labels cited in shared/clinical-content.md §4; the
 * heart-rate, oxygen-saturation and respiratory-rate defaults are this project's conservative choices, because the
 * reference holds no verified numeric limits for them (APA and ASKP3 limits were not retrievable) — each clinic should
 * set its own protocol's values.
 */
public record AlertThresholds(
        int systolicLimit,
        int diastolicLimit,
        int systolicRise,
        int diastolicRise,
        int heartRateLow,
        int heartRateHigh,
        int oxygenSaturationLow,
        int respiratoryRateLow,
        int respiratoryRateHigh) {

    /** Above 180/100 mmHg at rest: ketamine contraindicated [KET-CH]. */
    public static final int DEFAULT_SYSTOLIC_LIMIT = 180;
    public static final int DEFAULT_DIASTOLIC_LIMIT = 100;
    /** A rise of at least 40 mmHg systolic or 25 mmHg diastolic after dosing [SPR]. */
    public static final int DEFAULT_SYSTOLIC_RISE = 40;
    public static final int DEFAULT_DIASTOLIC_RISE = 25;
    /** Project defaults, not sourced: clinic-configurable. */
    public static final int DEFAULT_HEART_RATE_LOW = 50;
    public static final int DEFAULT_HEART_RATE_HIGH = 120;
    public static final int DEFAULT_OXYGEN_SATURATION_LOW = 92;
    public static final int DEFAULT_RESPIRATORY_RATE_LOW = 10;
    public static final int DEFAULT_RESPIRATORY_RATE_HIGH = 24;

    public AlertThresholds {
        require(systolicLimit > diastolicLimit && diastolicLimit > 0, "the systolic limit must exceed the diastolic limit");
        require(systolicRise > 0 && diastolicRise > 0, "rises from baseline must be positive");
        require(heartRateLow > 0 && heartRateLow < heartRateHigh, "the heart-rate range must be 0 < low < high");
        require(oxygenSaturationLow > 0 && oxygenSaturationLow <= 100, "the oxygen-saturation limit must be 1-100 %");
        require(respiratoryRateLow > 0 && respiratoryRateLow < respiratoryRateHigh,
                "the respiratory-rate range must be 0 < low < high");
    }

    public static AlertThresholds defaults() {
        return new AlertThresholds(DEFAULT_SYSTOLIC_LIMIT, DEFAULT_DIASTOLIC_LIMIT, DEFAULT_SYSTOLIC_RISE,
                DEFAULT_DIASTOLIC_RISE, DEFAULT_HEART_RATE_LOW, DEFAULT_HEART_RATE_HIGH, DEFAULT_OXYGEN_SATURATION_LOW,
                DEFAULT_RESPIRATORY_RATE_LOW, DEFAULT_RESPIRATORY_RATE_HIGH);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
