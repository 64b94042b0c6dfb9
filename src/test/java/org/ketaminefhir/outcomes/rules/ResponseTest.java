package org.ketaminefhir.outcomes.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponseTest {

    @ParameterizedTest(name = "{0} → {1}: response {2}")
    @CsvSource({
        "20, 10, true", "20, 11, false", "21, 10, true", "21, 11, false", "19, 9, true", "19, 10, false",
        "2, 1, true", "1, 1, false", "0, 0, false", "10, 15, false", "21, 4, true", "19, 14, false"
    })
    void responseIsAtLeastHalfTheBaselineGone(int baseline, int latest, boolean response) {
        assertThat(Response.isResponse(baseline, latest)).isEqualTo(response);
    }

    @Test
    void changeAndPercentChange() {
        assertThat(Response.change(21, 4)).isEqualTo(-17);
        assertThat(Response.percentChange(20, 5)).isEqualTo(-75.0);
        assertThat(Response.percentChange(10, 12)).isEqualTo(20.0);
        assertThat(Response.percentChange(0, 3)).isNull();
    }
}
