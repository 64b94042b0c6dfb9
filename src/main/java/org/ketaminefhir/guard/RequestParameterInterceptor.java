package org.ketaminefhir.guard;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * Refuses bad paging parameters and If-Match headers (see {@link RequestParameterCheck}) with 400, one issue each,
 * before HAPI picks the method that serves the request (some of its operations read {@code _count} while it does).
 */
@Interceptor
public class RequestParameterInterceptor {

    static final String CODE = "KETA-GUARD-003: ";

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public void check(RequestDetails request) {
        List<String> problems =
                RequestParameterCheck.problems(request.getParameters(), request.getHeader(Constants.HEADER_IF_MATCH));
        if (problems.isEmpty()) {
            return;
        }
        OperationOutcome outcome = new OperationOutcome();
        for (String problem : problems) {
            outcome.addIssue()
                    .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                    .setCode(OperationOutcome.IssueType.VALUE)
                    .setDiagnostics(CODE + problem);
        }
        throw new InvalidRequestException(CODE + problems.get(0), outcome);
    }
}
