package org.ketaminefhir.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestParameterCheckTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "50", "2147483647"})
    void wholeNumbersWithinRangeArePagingValues(String value) {
        assertThat(RequestParameterCheck.problems(Map.of("_count", new String[] {value}, "_offset",
                        new String[] {value}), null))
                .isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "_count|-1", "_offset|-5", "_offset|abc", "_count|1.5", "_count|''", "_offset|2147483648",
        "_count|99999999999"})
    void otherPagingValuesAreRefusedByName(String name, String value) {
        assertThat(RequestParameterCheck.problems(Map.of(name, new String[] {value}), null))
                .containsExactly(name + " must be a whole number from 0 to 2147483647, not '" + value + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"W/\"3\"", "\"12\"", "7", " W/\"1\" "})
    void ifMatchNamingAVersionIsAccepted(String header) {
        assertThat(RequestParameterCheck.problems(Map.of(), header)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "W/\"abc\"", "*", ""})
    void ifMatchNotNamingAVersionIsRefused(String header) {
        assertThat(RequestParameterCheck.problems(Map.of(), header))
                .containsExactly("If-Match must name the version the change applies to, as W/\"<version>\", not '"
                        + header + "'");
    }
}
