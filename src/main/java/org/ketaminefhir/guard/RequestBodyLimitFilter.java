package org.ketaminefhir.guard;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses FHIR request bodies larger than the configured limit with 413 and an OperationOutcome. A declared
 * Content-Length over the limit is refused before anything is read; a chunked body is counted while HAPI reads it and
 * cut off once it passes the limit.
 */
class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final FhirContext fhirContext;
    private final long maxBytes;

    RequestBodyLimitFilter(FhirContext fhirContext, long maxBytes) {
        this.fhirContext = fhirContext;
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            refuse(response);
            return;
        }
        try {
            chain.doFilter(new LimitedBodyRequest(request, maxBytes), response);
        } catch (BodyTooLargeException e) {
            if (!response.isCommitted()) {
                response.resetBuffer();
                refuse(response);
            }
        }
    }

    private void refuse(HttpServletResponse response) throws IOException {
        OperationOutcome outcome = tooLargeOutcome(maxBytes);
        response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        response.setContentType(Constants.CT_FHIR_JSON_NEW);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        // The client may still be sending; closing tells it to stop rather than leaving the rest unread.
        response.setHeader("Connection", "close");
        response.getWriter().write(fhirContext.newJsonParser().encodeResourceToString(outcome));
    }

    static String tooLargeMessage(long maxBytes) {
        return "KETA-GUARD-413: Request body exceeds the limit of " + maxBytes + " bytes";
    }

    private static OperationOutcome tooLargeOutcome(long maxBytes) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.TOOLONG)
                .setDiagnostics(tooLargeMessage(maxBytes));
        return outcome;
    }

    /**
     * Thrown from the body stream while HAPI reads it; HAPI answers it as 413 with this OperationOutcome. Should it
     * surface outside HAPI's handling, the filter answers the same.
     */
    static final class BodyTooLargeException extends PayloadTooLargeException {
        BodyTooLargeException(long maxBytes) {
            super(tooLargeMessage(maxBytes), tooLargeOutcome(maxBytes));
        }
    }

    private static final class LimitedBodyRequest extends HttpServletRequestWrapper {
        private final long maxBytes;
        private ServletInputStream stream;

        LimitedBodyRequest(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedInputStream(super.getInputStream(), maxBytes);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(), encoding));
        }
    }

    private static final class LimitedInputStream extends ServletInputStream {
        private final ServletInputStream delegate;
        private final long maxBytes;
        private long count;

        LimitedInputStream(ServletInputStream delegate, long maxBytes) {
            this.delegate = delegate;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(int n) {
            count += n;
            if (count > maxBytes) {
                throw new BodyTooLargeException(maxBytes);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
