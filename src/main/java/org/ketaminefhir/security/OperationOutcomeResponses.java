package org.ketaminefhir.security;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 as FHIR clients expect them: Spring Security's bearer-token status and WWW-Authenticate header, with an
 * OperationOutcome body that says what is missing and nothing about the data.
 */
final class OperationOutcomeResponses {

    private OperationOutcomeResponses() {}

    /** Also announces each refusal as an {@link UnauthenticatedRequest}, for the audit trail. */
    static AuthenticationEntryPoint unauthenticated(FhirContext fhirContext, ApplicationEventPublisher events) {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        return (request, response, exception) -> {
            bearer.commence(request, response, exception);
            events.publishEvent(new UnauthenticatedRequest(request.getMethod(), request.getRequestURI(),
                    request.getRemoteAddr(), exception.getMessage()));
            write(fhirContext, response, OperationOutcome.IssueType.LOGIN, message(exception));
        };
    }

    static AccessDeniedHandler forbidden(FhirContext fhirContext) {
        BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();
        return (request, response, exception) -> {
            bearer.handle(request, response, exception);
            write(fhirContext, response, OperationOutcome.IssueType.FORBIDDEN, message(exception));
        };
    }

    private static String message(AuthenticationException exception) {
        return "KETA-AUTH-401: a valid OAuth2 bearer token is required (" + exception.getMessage() + ")";
    }

    private static String message(AccessDeniedException exception) {
        return "KETA-AUTH-403: the token's scopes do not allow this request";
    }

    private static void write(FhirContext fhirContext, HttpServletResponse response, OperationOutcome.IssueType type,
            String diagnostics) throws IOException {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(type).setDiagnostics(diagnostics);
        response.setContentType("application/fhir+json;charset=UTF-8");
        response.getWriter().write(fhirContext.newJsonParser().encodeResourceToString(outcome));
    }
}
