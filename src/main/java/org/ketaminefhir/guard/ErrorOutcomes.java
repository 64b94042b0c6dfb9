package org.ketaminefhir.guard;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.List;
import java.util.function.Function;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.StringType;

/** The OperationOutcome of a refusal: one error issue per problem found, so a client sees all of them at once. */
final class ErrorOutcomes {

    private ErrorOutcomes() {
    }

    /**
     * @param expression the FHIRPath of the element a problem concerns, or null where a problem is not about an element
     */
    static OperationOutcome of(OperationOutcome.IssueType type, List<String> problems,
            Function<String, String> diagnostics, Function<String, String> expression) {
        OperationOutcome outcome = new OperationOutcome();
        for (String problem : problems) {
            OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
                    .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                    .setCode(type)
                    .setDiagnostics(diagnostics.apply(problem));
            String path = expression.apply(problem);
            if (path != null) {
                issue.setExpression(List.of(new StringType(path)));
            }
        }
        return outcome;
    }

    /**
     * A 400 for a request body that is malformed in the ways {@code problems} name, each starting with the path of the
     * element it concerns; {@code code} prefixes every message.
     */
    static InvalidRequestException malformedBody(String code, List<String> problems) {
        return new InvalidRequestException(code + problems.get(0), of(OperationOutcome.IssueType.STRUCTURE, problems,
                problem -> code + problem, ErrorOutcomes::leadingPath));
    }

    /** The media type of a Content-Type header, lower case and without parameters; empty when there is none. */
    static String mediaType(String contentType) {
        return contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase();
    }

    /** The path a problem message starts with, as in {@code Patient.gender: expected a single value}. */
    private static String leadingPath(String problem) {
        return problem.substring(0, problem.indexOf(':'));
    }
}
