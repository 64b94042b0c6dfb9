package org.ketaminefhir.outcomes.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InstrumentTest {

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
        "PHQ9, 0, none-minimal", "PHQ9, 4, none-minimal", "PHQ9, 5, mild", "PHQ9, 9, mild",
        "PHQ9, 10, moderate", "PHQ9, 14, moderate", "PHQ9, 15, moderately-severe", "PHQ9, 19, moderately-severe",
        "PHQ9, 20, severe", "PHQ9, 27, severe",
        "GAD7, 0, minimal", "GAD7, 4, minimal", "GAD7, 5, mild", "GAD7, 9, mild", "GAD7, 10, moderate",
        "GAD7, 14, moderate", "GAD7, 15, severe", "GAD7, 21, severe"
    })
    void severityBandsAtEveryBoundary(Instrument instrument, int score, String band) {
        assertThat(instrument.band(score)).hasValueSatisfying(b -> assertThat(b.code()).isEqualTo(band));
    }

    @ParameterizedTest(name = "{0} {1} → remission {2}")
    @CsvSource({"PHQ9, 4, true", "PHQ9, 5, false", "PHQ9, 0, true", "GAD7, 4, true", "GAD7, 5, false"})
    void remissionIsBelowFive(Instrument instrument, int score, boolean remission) {
        assertThat(instrument.isRemission(score)).contains(remission);
    }

    @ParameterizedTest
    @CsvSource({"PCL5, 20", "PAIN_NRS, 3"})
    void instrumentsWithoutARemissionRuleSayNothing(Instrument instrument, int score) {
        assertThat(instrument.isRemission(score)).isEmpty();
        assertThat(instrument.band(score)).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} valid={2}")
    @CsvSource({
        "PHQ9, 27, true", "PHQ9, 28, false", "PHQ9, -1, false", "PHQ9, 12.5, false",
        "GAD7, 21, true", "GAD7, 22, false", "PCL5, 80, true", "PCL5, 81, false", "PAIN_NRS, 10, true",
        "PAIN_NRS, 11, false"
    })
    void scoreRanges(Instrument instrument, double score, boolean valid) {
        assertThat(instrument.isValidScore(score)).isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource({"PHQ9, 28", "GAD7, -1"})
    void aScoreOutsideTheRangeHasNoBand(Instrument instrument, int score) {
        assertThatThrownBy(() -> instrument.band(score))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(instrument.name() + " scores are 0-" + instrument.maximum() + ", not " + score);
    }

    @ParameterizedTest
    @CsvSource({
        "http://loinc.org, 44261-6, PHQ9", "http://loinc.org, 70274-6, GAD7", "http://loinc.org, 72514-3, PAIN_NRS",
        "https://ketamine-fhir.org/ig/CodeSystem/ketamine-concepts, pcl5-total, PCL5"
    })
    void instrumentsAreFoundByTheirCode(String system, String code, Instrument instrument) {
        assertThat(Instrument.byCode(system, code)).contains(instrument);
    }
}
