package org.ketaminefhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class FlushCoalescingFilterTest {

    private final MockHttpServletResponse response = new MockHttpServletResponse();

    @Test
    void flushesOfTheWriterDoNotCommitTheResponseAndCloseSendsEverything() throws Exception {
        run(served -> {
            PrintWriter writer = served.getWriter();
            writer.write("{\"resourceType\":");
            writer.flush();
            writer.write("\"Bundle\"}");
            writer.flush();
            assertThat(response.isCommitted()).as("committed by a flush").isFalse();
            assertThat(served.getWriter()).as("one writer per response").isSameAs(writer);
            writer.close();
        });

        assertThat(response.isCommitted()).isTrue();
        assertThat(response.getContentAsString()).isEqualTo("{\"resourceType\":\"Bundle\"}");
    }

    @Test
    void flushesOfTheStreamDoNotCommitTheResponseAndCloseSendsEverything() throws Exception {
        run(served -> {
            ServletOutputStream stream = served.getOutputStream();
            stream.write("first ".getBytes(StandardCharsets.UTF_8));
            stream.flush();
            stream.write('+');
            stream.flush();
            assertThat(response.isCommitted()).as("committed by a flush").isFalse();
            assertThat(served.getOutputStream()).as("one stream per response").isSameAs(stream);
            stream.close();
        });

        assertThat(response.getContentAsString()).isEqualTo("first +");
    }

    @Test
    void statusAndHeadersReachTheRealResponse() throws Exception {
        run(served -> {
            served.setStatus(HttpServletResponse.SC_CREATED);
            served.setHeader("Location", "Patient/1/_history/1");
        });

        assertThat(response.getStatus()).isEqualTo(201);
        assertThat(response.getHeader("Location")).isEqualTo("Patient/1/_history/1");
    }

    private void run(ServletBody body) throws Exception {
        AtomicReference<Exception> failure = new AtomicReference<>();
        new FlushCoalescingFilter().doFilter(new MockHttpServletRequest("GET", "/fhir/Patient"), response,
                (request, served) -> {
                    try {
                        body.write((HttpServletResponse) served);
                    } catch (Exception e) {
                        failure.set(e);
                    }
                });
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    @FunctionalInterface
    private interface ServletBody {
        void write(HttpServletResponse response) throws Exception;
    }
}
