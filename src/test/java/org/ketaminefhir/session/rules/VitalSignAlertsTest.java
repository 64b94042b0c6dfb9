package org.ketaminefhir.session.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VitalSignAlertsTest {

    private final VitalSignAlerts alerts = new VitalSignAlerts(AlertThresholds.defaults());

    @ParameterizedTest(name = "{0}/{1} → {2}")
    @CsvSource({
        "180, 100, false", "181, 100, true", "180, 101, true", "120, 80, false", "200, 60, true", "150, 110, true"
    })
    void bloodPressureAboveTheLabelLimit(double systolic, double diastolic, boolean alert) {
        List<SafetyAlert> raised = alerts.evaluate(VitalReading.bloodPressure(systolic, diastolic), Optional.empty());
        assertThat(raised.stream().anyMatch(a -> a.type() == AlertType.BP_ABOVE_LIMIT)).isEqualTo(alert);
    }

    @ParameterizedTest(name = "124/78 → {0}/{1}: {2}")
    @CsvSource({
        "163, 78, false", "164, 78, true", "124, 102, false", "124, 103, true", "164, 103, true", "100, 60, false",
        "170, 106, true"
    })
    void bloodPressureRiseFromThePreDoseBaseline(double systolic, double diastolic, boolean alert) {
        List<SafetyAlert> raised = alerts.evaluate(
                VitalReading.bloodPressure(systolic, diastolic), Optional.of(VitalReading.bloodPressure(124, 78)));
        assertThat(raised.stream().anyMatch(a -> a.type() == AlertType.BP_RISE_FROM_BASELINE)).isEqualTo(alert);
    }

    @Test
    void theSurgeOfTheSampleCourseRaisesBothAlertsWithReadableDetail() {
        List<SafetyAlert> raised = alerts.evaluate(
                VitalReading.bloodPressure(170, 106), Optional.of(VitalReading.bloodPressure(124, 78)));

        assertThat(raised).extracting(SafetyAlert::type)
                .containsExactly(AlertType.BP_ABOVE_LIMIT, AlertType.BP_RISE_FROM_BASELINE);
        assertThat(raised).extracting(SafetyAlert::high).containsExactly(true, false);
        assertThat(raised.get(0).detail()).isEqualTo("Blood pressure 170/106 mm[Hg] is above the limit of 180/100 mm[Hg]");
        assertThat(raised.get(1).detail()).isEqualTo("Blood pressure 170/106 mm[Hg] is +46/+28 mm[Hg] from the pre-dose"
                + " baseline 124/78 mm[Hg] (alert at a rise of 40 systolic or 25 diastolic)");
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
        "HEART_RATE, 50, ", "HEART_RATE, 49, HEART_RATE_OUT_OF_RANGE", "HEART_RATE, 120, ",
        "HEART_RATE, 121, HEART_RATE_OUT_OF_RANGE", "OXYGEN_SATURATION, 92, ",
        "OXYGEN_SATURATION, 91, LOW_OXYGEN_SATURATION", "OXYGEN_SATURATION, 100, ", "RESPIRATORY_RATE, 10, ",
        "RESPIRATORY_RATE, 9, RESPIRATORY_RATE_OUT_OF_RANGE", "RESPIRATORY_RATE, 24, ",
        "RESPIRATORY_RATE, 25, RESPIRATORY_RATE_OUT_OF_RANGE"
    })
    void otherSignsAgainstTheirRange(VitalSign sign, double value, AlertType expected) {
        List<SafetyAlert> raised = alerts.evaluate(VitalReading.of(sign, value), Optional.empty());
        if (expected == null) {
            assertThat(raised).isEmpty();
        } else {
            assertThat(raised).extracting(SafetyAlert::type).containsExactly(expected);
        }
    }

    @Test
    void aClinicsOwnThresholdsApply() {
        VitalSignAlerts strict = new VitalSignAlerts(new AlertThresholds(160, 95, 30, 20, 55, 110, 94, 10, 24));

        assertThat(strict.evaluate(VitalReading.bloodPressure(161, 80), Optional.empty())).hasSize(1);
        assertThat(strict.evaluate(VitalReading.of(VitalSign.OXYGEN_SATURATION, 93), Optional.empty())).hasSize(1);
        assertThat(strict.evaluate(VitalReading.bloodPressure(150, 98), Optional.of(VitalReading.bloodPressure(120, 78))))
                .extracting(SafetyAlert::type)
                .containsExactly(AlertType.BP_ABOVE_LIMIT, AlertType.BP_RISE_FROM_BASELINE);
    }

    @Test
    void nonsensicalThresholdsAreRefused() {
        assertThatThrownBy(() -> new AlertThresholds(90, 100, 40, 25, 50, 120, 92, 10, 24))
                .hasMessage("the systolic limit must exceed the diastolic limit");
        assertThatThrownBy(() -> new AlertThresholds(180, 100, 40, 25, 130, 120, 92, 10, 24))
                .hasMessage("the heart-rate range must be 0 < low < high");
        assertThatThrownBy(() -> new AlertThresholds(180, 100, 40, 25, 50, 120, 101, 10, 24))
                .hasMessage("the oxygen-saturation limit must be 1-100 %");
    }

    @Test
    void vitalSignsAreFoundByLoincCode() {
        assertThat(VitalSign.byLoinc("59408-5")).contains(VitalSign.OXYGEN_SATURATION);
        assertThat(VitalSign.byLoinc("85354-9")).contains(VitalSign.BLOOD_PRESSURE);
        assertThat(VitalSign.byLoinc("29463-7")).isEmpty();
    }
}
