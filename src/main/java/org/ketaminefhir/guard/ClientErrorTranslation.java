package org.ketaminefhir.guard;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the server errors that HAPI raises for a client's mistake into the 400 they are. HAPI converts an operation's
 * parameters before calling it, and a value it cannot convert, or a required parameter left out of a few of its own
 * operations, surfaces as an internal error (500). An error is only translated when it is provably the request's
 * fault: a number HAPI could not read that is one of the request's own parameter values; a complex-typed parameter
 * given in a URL; an XML patch that does not parse; or one of HAPI's operations failing on a missing required
 * parameter. Everything else stays a 500, since it may be a fault of the server.
 */
@Interceptor
public class ClientErrorTranslation {

    static final String CODE = "KETA-GUARD-004: ";
    private static final Pattern UNREADABLE_NUMBER = Pattern.compile("^For input string: \"(.*)\"(?: under radix \\d+)?$");
    /** HAPI-1784: HAPI could not build a parameter's (abstract) type from a URL value. */
    private static final String COMPLEX_PARAMETER_IN_URL = "HAPI-1784";
    private static final String XML_PATCH_FAILURE = "com.github.dnault.xmlpatch.PatchException";
    /** HAPI operations that fail with an internal error when a required parameter is missing, and what they need. */
    private static final Map<String, String> REQUIRED_PARAMETERS = Map.of(
            "$diff", "$diff on the server needs the parameters from and to (the resource versions to compare)",
            "$subsumes", "$subsumes needs codeA and codeB with system, or codingA and codingB",
            "$export-poll-status", "$export-poll-status needs the parameter _jobId, as in the Content-Location of the "
                    + "$export response");

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException translate(RequestDetails request, Throwable error) {
        return clientError(error, request.getRequestType().name(), request.getOperation(), request.getParameters())
                .map(message -> new InvalidRequestException(CODE + message))
                .orElse(null);
    }

    /** The 400 message for an error the request caused, or empty if the error may be the server's. */
    static Optional<String> clientError(
            Throwable error, String method, String operation, Map<String, String[]> parameters) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof NumberFormatException) {
                Optional<String> parameter = unreadableNumber(cause.getMessage(), parameters);
                if (parameter.isPresent()) {
                    return parameter;
                }
            }
            String message = String.valueOf(cause.getMessage());
            if (message.contains(COMPLEX_PARAMETER_IN_URL) && "GET".equals(method) && operation != null) {
                return Optional.of(operation + " takes a parameter of a complex type (such as a Reference or Coding) "
                        + "that cannot be given in the URL; POST a Parameters resource instead");
            }
            if (cause.getClass().getName().equals(XML_PATCH_FAILURE)) {
                return Optional.of("the XML patch could not be applied: " + message);
            }
            if ((cause instanceof NullPointerException || cause instanceof ClassCastException)
                    && REQUIRED_PARAMETERS.containsKey(operation)) {
                return Optional.of(REQUIRED_PARAMETERS.get(operation));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> unreadableNumber(String message, Map<String, String[]> parameters) {
        Matcher matcher = UNREADABLE_NUMBER.matcher(String.valueOf(message));
        if (!matcher.matches() || parameters == null) {
            return Optional.empty();
        }
        String value = matcher.group(1);
        return parameters.entrySet().stream()
                .filter(parameter -> Arrays.asList(parameter.getValue()).contains(value))
                .map(parameter -> "parameter " + parameter.getKey() + " must be a whole number within range, not '"
                        + value + "'")
                .findFirst();
    }
}
