package org.ketaminefhir.outcomes;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.stereotype.Component;

/**
 * Tells the sender of a questionnaire response what scoring could not do (an unanswered item, so no total), as
 * warnings in the OperationOutcome of the write: the response body under {@code Prefer: return=OperationOutcome},
 * and each transaction or batch entry's {@code response.outcome}.
 */
@Component
@Interceptor
public class ScoringWarnings {

    private static final String KEY = ScoringWarnings.class.getName();

    /** Keeps the warnings of one stored response for the answer to this request. */
    static void remember(RequestDetails request, String responseReference, List<String> warnings) {
        if (request != null && !warnings.isEmpty()) {
            warningsOf(request).put(responseReference, warnings);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> warningsOf(RequestDetails request) {
        return (Map<String, List<String>>) request.getUserData().computeIfAbsent(KEY, k -> new LinkedHashMap<>());
    }

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public void addToResponse(RequestDetails request, IBaseResource response) {
        if (!request.getUserData().containsKey(KEY)) {
            return;
        }
        Map<String, List<String>> warnings = warningsOf(request);
        if (response instanceof OperationOutcome outcome) {
            warnings.values().forEach(list -> add(outcome, list));
        } else if (response instanceof Bundle bundle) {
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                String location = entry.getResponse().getLocation();
                warnings.forEach((reference, list) -> {
                    if (location != null && (location.startsWith(reference + "/") || location.equals(reference))) {
                        if (!(entry.getResponse().getOutcome() instanceof OperationOutcome)) {
                            entry.getResponse().setOutcome(new OperationOutcome());
                        }
                        add((OperationOutcome) entry.getResponse().getOutcome(), list);
                    }
                });
            }
        }
    }

    private static void add(OperationOutcome outcome, List<String> warnings) {
        warnings.forEach(warning -> outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.WARNING)
                .setCode(OperationOutcome.IssueType.INCOMPLETE)
                .setDiagnostics(warning));
    }
}
