package org.ketaminefhir.intake;

import org.ketaminefhir.intake.rules.EligibilityRules;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Eligibility settings, bound from {@code ketamine.eligibility.*}: the resting blood pressure above which ketamine is
 * contraindicated (default 180/100 mmHg, Swiss ketamine label [KET-CH]).
 */
@ConfigurationProperties("ketamine.eligibility")
public record IntakeProperties(@DefaultValue("180") int systolicLimit, @DefaultValue("100") int diastolicLimit) {

    public EligibilityRules rules() {
        try {
            return new EligibilityRules(systolicLimit, diastolicLimit);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ketamine.eligibility: " + e.getMessage(), e);
        }
    }
}
