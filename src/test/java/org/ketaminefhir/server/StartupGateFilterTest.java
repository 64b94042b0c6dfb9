package org.ketaminefhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class StartupGateFilterTest {

    private final StartupGateFilter gate = new StartupGateFilter(FhirContext.forR4Cached());

    @Test
    void beforeTheApplicationIsReadyFhirRequestsGet503WithRetryAfter() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        gate.doFilter(new MockHttpServletRequest("GET", "/fhir/Patient"), response, chain);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(chain.getRequest()).isNull();
        OperationOutcome outcome = FhirContext.forR4Cached()
                .newJsonParser()
                .parseResource(OperationOutcome.class, response.getContentAsString());
        assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.TRANSIENT);
        assertThat(outcome.getIssueFirstRep().getDiagnostics())
                .isEqualTo("KETA-SERVER-503: The server is starting; retry shortly");
    }

    @Test
    void onceReadyRequestsPassThrough() throws Exception {
        gate.open();
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        gate.doFilter(new MockHttpServletRequest("GET", "/fhir/Patient"), response, chain);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(chain.getRequest()).isNotNull();
    }
}
