package org.ketaminefhir.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaminefhir.support.Fhir.encode;
import static org.ketaminefhir.support.Fhir.fhir;
import static org.ketaminefhir.support.Fhir.newPatient;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ketaminefhir.support.FhirServerTest;

/**
 * How an EHR connects (SMART Backend Services): it signs a client assertion with its private key, the server checks
 * it against the key set the EHR publishes, and issues a token with the client's scopes.
 */
@FhirServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackendServicesIT {

    private static final String CLIENT = "test-ehr-backend";
    private RSAKey key;
    private HttpServer jwks;

    @BeforeAll
    void publishTheEhrsKeySet() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("ehr-key-1").generate();
        byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress("localhost", 47391), 0);
        jwks.createContext("/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
    }

    @AfterAll
    void stop() {
        jwks.stop(0);
    }

    @Test
    void aSignedAssertionWithoutClientIdGetsATokenWithTheClientsScopes() throws Exception {
        Response response = tokenRequest(assertion(key, tokenEndpoint()));

        response.then().statusCode(200);
        String token = response.jsonPath().getString("access_token");
        assertThat(response.jsonPath().getString("scope")).isEqualTo("system/*.rs");
        fhir().auth().oauth2(token).get("/Patient?_count=1").then().statusCode(200);
        fhir().auth().oauth2(token).body(encode(newPatient("Written"))).post("/Patient").then().statusCode(403);
    }

    @Test
    void anAssertionSignedWithAnotherKeyIsRefused() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("ehr-key-1").generate();

        tokenRequest(assertion(stranger, tokenEndpoint())).then().statusCode(401);
    }

    @Test
    void anAssertionForAnotherAudienceIsRefused() throws Exception {
        tokenRequest(assertion(key, "https://elsewhere.example/token")).then().statusCode(401);
    }

    private static Response tokenRequest(String assertion) {
        return given().baseUri("http://localhost").port(RestAssured.port).basePath("").auth().none()
                .contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials")
                .formParam("scope", "system/*.rs")
                .formParam("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .formParam("client_assertion", assertion)
                .post("/oauth2/token");
    }

    private static String tokenEndpoint() {
        return "http://localhost:" + RestAssured.port + "/oauth2/token";
    }

    private static String assertion(RSAKey signingKey, String audience) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(CLIENT)
                .subject(CLIENT)
                .audience(audience)
                .jwtID(UUID.randomUUID().toString())
                .expirationTime(Date.from(Instant.now().plusSeconds(240)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS384).keyID(signingKey.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(signingKey));
        return jwt.serialize();
    }
}
