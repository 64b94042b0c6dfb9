package org.ketaminefhir.guard;

import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * Refuses bad paging parameters and If-Match headers (see {@link RequestParameterCheck}) and malformed quantity and
 * composite search values (see {@link SearchValueCheck}) with 400, one issue each, before HAPI picks the method that
 * serves the request (some of its operations read {@code _count} while it does).
 */
@Interceptor
public class RequestParameterInterceptor {

    static final String CODE = "KETA-GUARD-003: ";
    /** A search posted as a form, whose parameters HAPI merges with the URL's. */
    private static final String SEARCH_BY_POST = "_search";

    private final ISearchParamRegistry searchParameters;

    RequestParameterInterceptor(ISearchParamRegistry searchParameters) {
        this.searchParameters = searchParameters;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public void check(RequestDetails request) {
        List<String> problems = new ArrayList<>(
                RequestParameterCheck.problems(request.getParameters(), request.getHeader(Constants.HEADER_IF_MATCH)));
        String type = request.getResourceName();
        boolean search = request.getOperation() == null || SEARCH_BY_POST.equals(request.getOperation());
        if (type != null && search && request.getId() == null) {
            problems.addAll(SearchValueCheck.problems(request.getParameters(), name -> {
                RuntimeSearchParam parameter = searchParameters.getActiveSearchParam(
                        type, name, ISearchParamRegistry.SearchParamLookupContextEnum.SEARCH);
                return parameter == null ? null : parameter.getParamType();
            }));
        }
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
