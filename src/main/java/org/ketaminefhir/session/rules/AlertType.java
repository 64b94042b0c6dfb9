package org.ketaminefhir.session.rules;

/** Alert types, coded in our CodeSystem ketamine-safety-alert-type. */
public enum AlertType {
    BP_ABOVE_LIMIT("bp-above-limit", "Blood pressure above the absolute limit"),
    BP_RISE_FROM_BASELINE("bp-rise-from-baseline", "Blood pressure rise from the pre-dose baseline"),
    HEART_RATE_OUT_OF_RANGE("heart-rate-out-of-range", "Heart rate out of range"),
    LOW_OXYGEN_SATURATION("low-oxygen-saturation", "Low oxygen saturation"),
    RESPIRATORY_RATE_OUT_OF_RANGE("respiratory-rate-out-of-range", "Respiratory rate out of range");

    private final String code;
    private final String display;

    AlertType(String code, String display) {
        this.code = code;
        this.display = display;
    }

    public String code() {
        return code;
    }

    public String display() {
        return display;
    }
}
