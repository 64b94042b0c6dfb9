package org.ketaminefhir.intake.rules;

import java.util.List;
import java.util.Objects;

/** The outcome and its findings, contraindications first. */
public record EligibilityResult(EligibilityOutcome outcome, List<Finding> findings) {

    public EligibilityResult {
        Objects.requireNonNull(outcome, "outcome");
        findings = List.copyOf(findings);
    }
}
