package org.ketaminefhir.intake.rules;

import java.util.List;

public enum EligibilityOutcome {
    ELIGIBLE("eligible", "Eligible"),
    ELIGIBLE_WITH_CAUTIONS("eligible-with-cautions", "Eligible with cautions"),
    NOT_ELIGIBLE("not-eligible", "Not eligible"),
    INSUFFICIENT_EVIDENCE("insufficient-evidence", "Insufficient evidence");

    private final String code;
    private final String display;

    EligibilityOutcome(String code, String display) {
        this.code = code;
        this.display = display;
    }

    public String code() {
        return code;
    }

    public String display() {
        return display;
    }

    /** Any contraindication rules treatment out; otherwise any caution qualifies it. */
    static EligibilityOutcome of(List<Finding> findings) {
        if (findings.stream().anyMatch(f -> f.severity() == FindingSeverity.CONTRAINDICATION)) {
            return NOT_ELIGIBLE;
        }
        return findings.isEmpty() ? ELIGIBLE : ELIGIBLE_WITH_CAUTIONS;
    }
}
