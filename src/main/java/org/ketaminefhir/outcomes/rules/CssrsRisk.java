package org.ketaminefhir.outcomes.rules;

/** The C-SSRS screener's risk levels, with their codes in our score-interpretation CodeSystem. */
public enum CssrsRisk {
    NONE("no-risk", "No risk identified"),
    LOW("low-risk", "Low risk"),
    MODERATE("moderate-risk", "Moderate risk"),
    HIGH("high-risk", "High risk");

    private final String code;
    private final String display;

    CssrsRisk(String code, String display) {
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
