package org.ketaminefhir.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/** A client_credentials token for the benchmark's requests, renewed a minute before it expires. */
final class AccessToken {

    private final URI tokenEndpoint;
    private final String client;
    private final String secret;
    private final ObjectMapper json = new ObjectMapper();
    private String value;
    private Instant renewAt = Instant.EPOCH;

    AccessToken(URI tokenEndpoint, String client, String secret) {
        this.tokenEndpoint = tokenEndpoint;
        this.client = client;
        this.secret = secret;
    }

    synchronized String value(HttpClient http) throws Exception {
        if (Instant.now().isAfter(renewAt)) {
            String credentials = Base64.getEncoder()
                    .encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
            HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
                    .header("Authorization", "Basic " + credentials)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                            + URLEncoder.encode("system/*.cruds", StandardCharsets.UTF_8)))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("No token from " + tokenEndpoint + ": " + response.statusCode());
            }
            JsonNode body = json.readTree(response.body());
            value = body.get("access_token").asText();
            renewAt = Instant.now().plus(Duration.ofSeconds(body.get("expires_in").asLong() - 60));
        }
        return value;
    }
}
