package org.ketaminefhir.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaminefhir.support.Fhir.create;
import static org.ketaminefhir.support.Fhir.fhir;
import static org.ketaminefhir.support.Fhir.json;
import static org.ketaminefhir.support.Fhir.newPatient;
import static org.ketaminefhir.support.Fhir.uniqueValue;

import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.ketaminefhir.support.FhirServerTest;
import org.ketaminefhir.support.Observations;
import org.ketaminefhir.support.Tokens;

/**
 * How a search page travels over HTTP, read off the socket as a client library would receive it: in a few chunks of
 * the container's buffer size, not one chunk per JSON value.
 */
@FhirServerTest
class ResponseFramingIT {

    private static final int OBSERVATIONS = 40;

    @Test
    void aSearchPageArrivesInBufferSizedChunks() throws IOException {
        String patient = "Patient/" + create(newPatient("Framing" + uniqueValue().substring(0, 8)));
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (int i = 0; i < OBSERVATIONS; i++) {
            transaction.addEntry().setResource(Observations.heartRate(patient, 60 + i))
                    .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
        }
        fhir(transaction).post("/").then().statusCode(200);

        HttpReply reply = get("/fhir/Observation?subject=" + patient + "&_count=50");

        assertThat(reply.status()).startsWith("HTTP/1.1 200");
        Bundle page = json().parseResource(Bundle.class, reply.body());
        assertThat(page.getEntry()).hasSize(OBSERVATIONS);
        assertThat(reply.body().length()).as("a page large enough to need several packets").isGreaterThan(16_384);
        // Tomcat's response buffer is 8 KB, so about body / 8 KB chunks; before, it was one per JSON value (hundreds here).
        assertThat(reply.chunks()).isBetween(1, reply.body().length() / 4_096 + 2);
    }

    private static HttpReply get(String path) throws IOException {
        String token = Tokens.of(RestAssured.port, Tokens.ADMIN);
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: application/fhir+json\r\n"
                    + "Authorization: Bearer " + token + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return HttpReply.read(socket.getInputStream());
        }
    }

    /** The status line, the number of chunks of a chunked body (0 if it had a Content-Length) and the body. */
    private record HttpReply(String status, int chunks, String body) {

        static HttpReply read(InputStream in) throws IOException {
            String status = line(in);
            boolean chunked = false;
            int length = -1;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                String lower = header.toLowerCase();
                chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(header.substring(header.indexOf(':') + 1).trim());
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int chunks = 0;
            if (chunked) {
                for (int size = Integer.parseInt(line(in).trim(), 16); size > 0;
                        size = Integer.parseInt(line(in).trim(), 16)) {
                    body.write(in.readNBytes(size));
                    line(in);
                    chunks++;
                }
            } else {
                body.write(length >= 0 ? in.readNBytes(length) : in.readAllBytes());
            }
            return new HttpReply(status, chunks, body.toString(StandardCharsets.UTF_8));
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }
    }
}
