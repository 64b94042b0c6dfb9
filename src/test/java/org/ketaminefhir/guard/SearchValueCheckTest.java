package org.ketaminefhir.guard;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SearchValueCheckTest {

    private static final Function<String, RestSearchParameterTypeEnum> OBSERVATION = name -> switch (name) {
        case "value-quantity" -> RestSearchParameterTypeEnum.QUANTITY;
        case "code-value-string" -> RestSearchParameterTypeEnum.COMPOSITE;
        case "probability" -> RestSearchParameterTypeEnum.NUMBER;
        case "code" -> RestSearchParameterTypeEnum.TOKEN;
        default -> null;
    };

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "value-quantity;gt100", "value-quantity;100", "value-quantity;le5.4|http://unitsofmeasure.org|mmol/L",
        "value-quantity;ap1e3", "value-quantity;-2.5", "value-quantity;gt100,lt40", "value-quantity:missing;true",
        "code-value-string;http://loinc.org|1234-5$text", "probability;lt0.5", "value-quantity;''", "code;2020-99", "unknown;abc", "_count;7"})
    void wellFormedOrUncheckedValuesPass(String name, String value) {
        assertThat(SearchValueCheck.problems(Map.of(name, new String[] {value}), OBSERVATION)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "value-quantity;2020-99;value-quantity needs a number, optionally with a prefix such as gt and |system|code after it, not '2020-99'",
        "value-quantity;ge2020-01-01T25:00;value-quantity needs a number, optionally with a prefix such as gt and |system|code after it, not 'ge2020-01-01T25:00'",
        "value-quantity;gt;value-quantity needs a number, optionally with a prefix such as gt and |system|code after it, not 'gt'",
        "value-quantity;gt100,abc;value-quantity needs a number, optionally with a prefix such as gt and |system|code after it, not 'abc'",
        "probability;ge2020-01-01T25:00;probability needs a number, optionally with a prefix such as gt, not 'ge2020-01-01T25:00'",
        "probability;'';probability needs a value",
        "code-value-string;'';code-value-string needs a value",
        "code-value-string:exact;text;code-value-string combines two values: give both, separated by $, not 'text'"})
    void malformedValuesAreNamed(String name, String value, String problem) {
        assertThat(SearchValueCheck.problems(Map.of(name, new String[] {value}), OBSERVATION)).containsExactly(problem);
    }
}
