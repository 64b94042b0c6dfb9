package org.ketaminefhir.server;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HAPI writes JSON with a Jackson generator whose codec flushes after every value, and each of those flushes went
 * through to the socket: one page of 50 Observations left the server as about 1,200 HTTP chunks of some 40 bytes. In
 * front of the FHIR servlet a flush is ignored. The container still sends a packet whenever its buffer fills, and sends
 * the rest when the writer is closed or the request ends.
 */
final class FlushCoalescingFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new UnflushedResponse(response));
    }

    /** The response as the FHIR servlet sees it: its writer and stream keep what is written until the end. */
    static final class UnflushedResponse extends HttpServletResponseWrapper {

        private PrintWriter writer;
        private ServletOutputStream stream;

        UnflushedResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                writer = new UnflushedWriter(super.getWriter());
            }
            return writer;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                stream = new UnflushedStream(super.getOutputStream());
            }
            return stream;
        }
    }

    private static final class UnflushedWriter extends PrintWriter {

        UnflushedWriter(PrintWriter target) {
            super(target, false);
        }

        @Override
        public void flush() {
            // Deliberately nothing: see the class comment. close() still completes the response.
        }
    }

    private static final class UnflushedStream extends ServletOutputStream {

        private final ServletOutputStream target;

        UnflushedStream(ServletOutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            target.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            target.write(bytes, offset, length);
        }

        @Override
        public void flush() {
            // Deliberately nothing: see the class comment. close() still completes the response.
        }

        @Override
        public void close() throws IOException {
            target.close();
        }

        @Override
        public boolean isReady() {
            return target.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            target.setWriteListener(listener);
        }
    }
}
