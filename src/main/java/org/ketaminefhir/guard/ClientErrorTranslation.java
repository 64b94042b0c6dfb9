package org.ketaminefhir.guard;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the server errors that HAPI raises for a client's mistake into the 400 they are. HAPI converts an operation's
 * parameters before calling it, and a value it cannot convert, or a required parameter left out of a few of its own
 * operations, surfaces as an internal error (500). An error is only translated when it is provably the request's
 * fault: a number HAPI could not read that the request itself sent (in the URL or the Parameters body); a negative
 * offset; a parameter value of the wrong kind (a complex type in a URL, a resource where a value belongs or the
 * reverse, a resource of the wrong type); a search value HAPI refuses with an internal error; an XML patch that does
 * not parse; or one of HAPI's operations failing on a missing required parameter. Everything else stays a 500, since
 * it may be a fault of the server.
 */
@Interceptor
public class ClientErrorTranslation {

    static final String CODE = "KETA-GUARD-004: ";
    private static final Pattern UNREADABLE_NUMBER =
            Pattern.compile("^For input string: \"(.*)\"(?: under radix \\d+)?$");
    /** HAPI-1784: HAPI could not build a parameter's (abstract) type from a URL value. */
    private static final String COMPLEX_PARAMETER_IN_URL = "HAPI-1784";
    /** HAPI-1716: HAPI was given a value of the wrong kind for an operation parameter in a Parameters body. */
    private static final String WRONG_KIND_IN_BODY = "HAPI-1716";
    private static final String XML_PATCH_FAILURE = "com.github.dnault.xmlpatch.PatchException";
    /** What Spring (searches) and HAPI (HAPI-2223, histories) say of a negative _offset in a Parameters body. */
    private static final Pattern NEGATIVE_OFFSET =
            Pattern.compile("Offset must be a positive integer|first-result value cannot be negative");
    /**
     * HAPI's messages for search values it refuses with an internal error: a malformed {@code near} position
     * (HAPI-1230), a chain through an element that is not a reference (HAPI-1246), and an {@code :above} or
     * {@code :below} code whose expansion is over HAPI's limit (HAPI-0831). Its own message says what is wrong.
     */
    private static final Pattern BAD_SEARCH_VALUE = Pattern.compile("HAPI-(1230|1246|0831): ");
    /** HAPI-1128: HAPI's $everything refuses an _offset, but as an internal error. */
    private static final String EVERYTHING_WITH_OFFSET = "HAPI-1128";
    private static final Pattern WRONG_RESOURCE_TYPE = Pattern.compile(
            "class org\\.hl7\\.fhir\\.r4\\.model\\.(\\w+) cannot be cast to class "
                    + "org\\.hl7\\.fhir\\.r4\\.model\\.(\\w+).*");
    /** HAPI operations that fail with an internal error when a required parameter is missing, and what they need. */
    private static final Map<String, String> REQUIRED_PARAMETERS = Map.of(
            "$diff", "$diff on the server needs the parameters from and to (the resource versions to compare)",
            "$subsumes", "$subsumes needs codeA and codeB with system, or codingA and codingB",
            "$export-poll-status", "$export-poll-status needs the parameter _jobId, as in the Content-Location of the "
                    + "$export response");

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException translate(RequestDetails request, Throwable error) {
        String method = request.getRequestType() == null ? null : request.getRequestType().name();
        return clientError(error, method, request.getOperation(), request.getParameters(), bodyIfNeeded(request, error))
                .map(message -> new InvalidRequestException(CODE + message))
                .orElse(null);
    }

    /** The body is only searched for a number HAPI could not read. */
    private static String bodyIfNeeded(RequestDetails request, Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof NumberFormatException) {
                byte[] body = request.loadRequestContents();
                return body == null ? "" : new String(body, StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    /** The 400 message for an error the request caused, or empty if the error may be the server's. */
    static Optional<String> clientError(
            Throwable error, String method, String operation, Map<String, String[]> parameters, String body) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            Optional<String> fault = requestFault(cause, message, parameters, body);
            if (fault.isEmpty() && operation != null) {
                fault = operationFault(cause, message, method, operation);
            }
            if (fault.isEmpty() && operation == null && "GET".equals(method)) {
                fault = searchFault(message);
            }
            if (fault.isPresent()) {
                return fault;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> requestFault(
            Throwable cause, String message, Map<String, String[]> parameters, String body) {
        if (cause instanceof NumberFormatException) {
            return unreadableNumber(message, parameters, body);
        }
        if (NEGATIVE_OFFSET.matcher(message).find()) {
            return Optional.of("_offset must not be negative");
        }
        if (message.contains(EVERYTHING_WITH_OFFSET)) {
            return Optional.of("$everything does not take _offset; follow the next links to page through it");
        }
        if (cause.getClass().getName().equals(XML_PATCH_FAILURE)) {
            return Optional.of("the XML patch could not be applied: " + message);
        }
        return Optional.empty();
    }

    private static Optional<String> searchFault(String message) {
        Matcher hapiMessage = BAD_SEARCH_VALUE.matcher(message);
        return hapiMessage.find() ? Optional.of(message.substring(hapiMessage.start())) : Optional.empty();
    }

    private static Optional<String> operationFault(Throwable cause, String message, String method, String operation) {
        if (message.contains(COMPLEX_PARAMETER_IN_URL) && "GET".equals(method)) {
            return Optional.of(operation + " takes a parameter of a complex type (such as a Reference or Coding) "
                    + "that cannot be given in the URL; POST a Parameters resource instead");
        }
        if (message.contains(WRONG_KIND_IN_BODY) && "POST".equals(method)) {
            return Optional.of(operation + " was given a parameter of the wrong kind: a resource where a value "
                    + "belongs, or a value where a resource belongs");
        }
        Matcher wrongType = WRONG_RESOURCE_TYPE.matcher(message);
        if (cause instanceof ClassCastException && wrongType.matches()) {
            return Optional.of(operation + " was given a " + wrongType.group(1) + " where it expects a "
                    + wrongType.group(2));
        }
        if ((cause instanceof NullPointerException || cause instanceof ClassCastException)
                && REQUIRED_PARAMETERS.containsKey(operation)) {
            return Optional.of(REQUIRED_PARAMETERS.get(operation));
        }
        return Optional.empty();
    }

    private static Optional<String> unreadableNumber(String message, Map<String, String[]> parameters, String body) {
        Matcher matcher = UNREADABLE_NUMBER.matcher(message);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String value = matcher.group(1);
        Optional<String> inUrl = (parameters == null ? Map.<String, String[]>of() : parameters).entrySet().stream()
                .filter(parameter -> Arrays.asList(parameter.getValue()).contains(value))
                .map(parameter -> "parameter " + parameter.getKey() + " must be a whole number within range, not '"
                        + value + "'")
                .findFirst();
        if (inUrl.isPresent() || body == null || !body.contains("\"" + value + "\"")) {
            return inUrl;
        }
        return Optional.of("a parameter must be a whole number within range, not '" + value + "'");
    }
}
