package org.ketaminefhir.guard;

import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks the search values HAPI only parses once the query runs, where a malformed one surfaced as an internal error:
 * a number parameter, the number of a quantity parameter ({@code value-quantity=gt100|http://unitsofmeasure.org|/min})
 * and the two parts of a composite parameter ({@code code-value-string=code$value}). Other malformed values HAPI
 * already refuses with 400 itself.
 */
final class SearchValueCheck {

    /** FHIR search prefixes (R4 search, section 3.1.1.5.6). */
    private static final Pattern PREFIX = Pattern.compile("^(eq|ne|gt|lt|ge|le|sa|eb|ap)");
    private static final Pattern UNESCAPED_COMMA = Pattern.compile("(?<!\\\\),");

    private SearchValueCheck() {
    }

    static List<String> problems(
            Map<String, String[]> parameters, Function<String, RestSearchParameterTypeEnum> typeOfParameter) {
        List<String> problems = new ArrayList<>();
        if (parameters == null) {
            return problems;
        }
        parameters.forEach((key, values) -> {
            String[] nameAndModifier = key.split(":", 2);
            String name = nameAndModifier[0];
            boolean missingModifier = nameAndModifier.length > 1 && nameAndModifier[1].equals("missing");
            if (name.startsWith("_") || name.contains(".") || missingModifier) {
                return;
            }
            RestSearchParameterTypeEnum type = typeOfParameter.apply(name);
            if (type != RestSearchParameterTypeEnum.QUANTITY && type != RestSearchParameterTypeEnum.NUMBER
                    && type != RestSearchParameterTypeEnum.COMPOSITE) {
                return;
            }
            for (String list : values) {
                for (String value : UNESCAPED_COMMA.split(list)) {
                    if (value.isEmpty()) {
                        // HAPI ignores an empty quantity, but fails on an empty number or composite.
                        if (type != RestSearchParameterTypeEnum.QUANTITY) {
                            problems.add(name + " needs a value");
                        }
                        continue;
                    }
                    if (type == RestSearchParameterTypeEnum.QUANTITY && !isQuantity(value)) {
                        problems.add(name + " needs a number, optionally with a prefix such as gt and |system|code "
                                + "after it, not '" + value + "'");
                    } else if (type == RestSearchParameterTypeEnum.NUMBER && !isNumber(value)) {
                        problems.add(name + " needs a number, optionally with a prefix such as gt, not '" + value
                                + "'");
                    } else if (type == RestSearchParameterTypeEnum.COMPOSITE && !value.contains("$")) {
                        problems.add(name + " combines two values: give both, separated by $, not '" + value + "'");
                    }
                }
            }
        });
        return problems;
    }

    private static boolean isQuantity(String value) {
        return isNumber(value.split("\\|", 2)[0]);
    }

    private static boolean isNumber(String value) {
        String number = PREFIX.matcher(value).replaceFirst("");
        try {
            new BigDecimal(number);
            return true;
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }
}
