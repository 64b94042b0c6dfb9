package org.ketaminefhir.intake.rules;

import java.util.Objects;

/**
 * One reason treatment is ruled out or needs care. {@code evidence} is the reference of the triggering resource as the
 * adapter gave it (e.g. "Condition/12"); it is null only for {@code no-intake-form}, which is about a missing resource.
 */
public record Finding(String ruleId, FindingSeverity severity, String reason, String evidence) {

    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(reason, "reason");
    }
}
