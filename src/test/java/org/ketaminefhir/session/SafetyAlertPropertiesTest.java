package org.ketaminefhir.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.ketaminefhir.intake.IntakeProperties;
import org.ketaminefhir.session.rules.AlertThresholds;

class SafetyAlertPropertiesTest {

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        assertThat(new SafetyAlertProperties(180, 100, 40, 25, 50, 120, 92, 10, 24).thresholds())
                .isEqualTo(AlertThresholds.defaults());
    }

    @Test
    void inconsistentValuesNameTheirPrefix() {
        assertThatThrownBy(() -> new SafetyAlertProperties(100, 180, 40, 25, 50, 120, 92, 10, 24).thresholds())
                .hasMessage("ketamine.alerts: the systolic limit must exceed the diastolic limit");
        assertThatThrownBy(() -> new IntakeProperties(0, 100).rules())
                .hasMessageStartingWith("ketamine.eligibility: ");
    }
}
