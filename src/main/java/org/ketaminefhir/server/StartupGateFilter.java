package org.ketaminefhir.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.Constants;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tomcat accepts connections before the start-up work that follows it (loading the implementation guide, the sample
 * data) has finished. Until the application is ready, FHIR requests get 503 with Retry-After instead of answers from a
 * half-loaded server; the readiness probe says the same.
 */
class StartupGateFilter extends OncePerRequestFilter {

    private final FhirContext fhirContext;
    private volatile boolean ready;

    StartupGateFilter(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    @EventListener(ApplicationReadyEvent.class)
    void open() {
        ready = true;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (ready) {
            chain.doFilter(request, response);
            return;
        }
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.TRANSIENT)
                .setDiagnostics("KETA-SERVER-503: The server is starting; retry shortly");
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", "5");
        response.setContentType(Constants.CT_FHIR_JSON_NEW);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(fhirContext.newJsonParser().encodeResourceToString(outcome));
    }
}
