package org.ketaminefhir.guard;

import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import ca.uhn.fhir.util.UrlUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * Refuses bad paging parameters and If-Match headers (see {@link RequestParameterCheck}) and malformed quantity and
 * composite search values (see {@link SearchValueCheck}) with 400, one issue each, before HAPI picks the method that
 * serves the request (some of its operations read {@code _count} while it does), in a request's URL and in the
 * URLs of the reads and searches in a batch or transaction.
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
        boolean search = request.getOperation() == null || SEARCH_BY_POST.equals(request.getOperation());
        refuseAny(problems(request.getResourceName(), search && request.getId() == null, request.getParameters(),
                request.getHeader(Constants.HEADER_IF_MATCH)), "");
    }

    /**
     * HAPI serves the reads and searches inside a batch or transaction without the HTTP hooks above, so their URLs are
     * checked here, before any entry is processed.
     */
    @Hook(Pointcut.STORAGE_TRANSACTION_PROCESSING)
    public void checkReadEntries(IBaseBundle bundle) {
        List<Bundle.BundleEntryComponent> entries = ((Bundle) bundle).getEntry();
        for (int i = 0; i < entries.size(); i++) {
            Bundle.BundleEntryRequestComponent entry = entries.get(i).getRequest();
            if (entry.getMethod() != Bundle.HTTPVerb.GET || !entry.hasUrl() || !entry.getUrl().contains("?")) {
                continue;
            }
            String[] pathAndQuery = entry.getUrl().split("\\?", 2);
            String[] path = pathAndQuery[0].replaceFirst("^/", "").split("/");
            refuseAny(problems(path[0], path.length == 1, UrlUtil.parseQueryString(pathAndQuery[1]), null),
                    "Bundle.entry[" + i + "].request.url: ");
        }
    }

    private List<String> problems(String type, boolean search, Map<String, String[]> parameters, String ifMatch) {
        List<String> problems = new ArrayList<>(RequestParameterCheck.problems(parameters, ifMatch));
        if (type != null && search) {
            problems.addAll(SearchValueCheck.problems(parameters, name -> {
                RuntimeSearchParam parameter = searchParameters.getActiveSearchParam(
                        type, name, ISearchParamRegistry.SearchParamLookupContextEnum.SEARCH);
                return parameter == null ? null : parameter.getParamType();
            }));
        }
        return problems;
    }

    private static void refuseAny(List<String> problems, String where) {
        if (problems.isEmpty()) {
            return;
        }
        throw new InvalidRequestException(CODE + where + problems.get(0), ErrorOutcomes.of(
                OperationOutcome.IssueType.VALUE, problems, problem -> CODE + where + problem, problem -> null));
    }
}
