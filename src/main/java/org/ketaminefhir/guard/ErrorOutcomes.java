package org.ketaminefhir.guard;

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
}
