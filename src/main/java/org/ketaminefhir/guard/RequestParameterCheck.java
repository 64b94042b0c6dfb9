package org.ketaminefhir.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks the request values that HAPI reads as numbers deep in its storage layer, where a bad one would surface as an
 * internal error: the paging parameters {@code _count} and {@code _offset}, and the version an {@code If-Match}
 * header names.
 */
final class RequestParameterCheck {

    private static final List<String> COUNTS = List.of("_count", "_offset");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d{1,10}");
    /** A version ETag as FHIR servers send it (W/"3"), or the bare version. */
    private static final Pattern VERSION_ETAG = Pattern.compile("(W/)?\"?\\d{1,18}\"?");

    private RequestParameterCheck() {
    }

    static List<String> problems(Map<String, String[]> parameters, String ifMatch) {
        List<String> problems = new ArrayList<>();
        for (String name : COUNTS) {
            String[] values = parameters == null ? null : parameters.get(name);
            for (String value : values == null ? new String[0] : values) {
                if (!isWholeNumber(value)) {
                    problems.add(name + " must be a whole number from 0 to " + Integer.MAX_VALUE + ", not '" + value
                            + "'");
                }
            }
        }
        if (ifMatch != null && !VERSION_ETAG.matcher(ifMatch.trim()).matches()) {
            problems.add("If-Match must name the version the change applies to, as W/\"<version>\", not '" + ifMatch
                    + "'");
        }
        return problems;
    }

    private static boolean isWholeNumber(String value) {
        return value != null && WHOLE_NUMBER.matcher(value).matches() && Long.parseLong(value) <= Integer.MAX_VALUE;
    }
}
