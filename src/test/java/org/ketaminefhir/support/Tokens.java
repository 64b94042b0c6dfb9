package org.ketaminefhir.support;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens from the test server's embedded authorization server, obtained the way any client does
 * (client_credentials, client_secret_basic) and reused until shortly before they expire.
 */
public final class Tokens {

    public static final String ADMIN = "test-admin";
    /** The preconfigured local client of application.yaml, with its documented local-only default secret. */
    public static final String LOCAL_ADMIN = "local-admin";
    public static final String OBSERVATION_READER = "test-observation-reader";
    public static final String PATIENT_APP = "test-patient-app";
    /** May manage Subscriptions, but read only Observations. */
    public static final String SUBSCRIBER = "test-subscriber";
    /** The patient in the patient app's token (application-test.yaml). */
    public static final String SCOPED_PATIENT = "scoped-patient";

    private static final Map<String, String> SECRETS = Map.of(
            ADMIN, "test-admin-secret",
            OBSERVATION_READER, "test-reader-secret",
            PATIENT_APP, "test-patient-secret",
            SUBSCRIBER, "test-subscriber-secret",
            LOCAL_ADMIN, "local-only-secret");
    /** What each client asks for: everything it is registered for. */
    private static final Map<String, String> SCOPES = Map.of(
            ADMIN, "system/*.cruds",
            OBSERVATION_READER, "system/Observation.rs",
            PATIENT_APP, "patient/*.rs",
            SUBSCRIBER, "system/Subscription.cruds system/Observation.rs",
            LOCAL_ADMIN, "system/*.cruds");
    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();

    private Tokens() {}

    /** A token with all of the client's scopes, from the server on the port. */
    public static String of(int port, String client) {
        String key = port + "/" + client;
        Cached cached = CACHE.get(key);
        if (cached == null || cached.refreshAfter.isBefore(Instant.now())) {
            cached = fetch(port, client);
            CACHE.put(key, cached);
        }
        return cached.token;
    }

    private static Cached fetch(int port, String client) {
        Map<String, Object> response = given()
                .baseUri("http://localhost:" + port)
                .basePath("")
                .auth().preemptive().basic(client, SECRETS.get(client))
                .contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials")
                .formParam("scope", SCOPES.get(client))
                .post("/oauth2/token")
                .then().statusCode(200)
                .extract().jsonPath().getMap("");
        long lifetime = ((Number) response.get("expires_in")).longValue();
        return new Cached((String) response.get("access_token"),
                Instant.now().plus(Duration.ofSeconds(Math.max(lifetime - 60, lifetime / 2))));
    }

    private record Cached(String token, Instant refreshAfter) {}
}
