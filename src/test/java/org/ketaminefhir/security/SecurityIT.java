package org.ketaminefhir.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaminefhir.support.Fhir.create;
import static org.ketaminefhir.support.Fhir.encode;
import static org.ketaminefhir.support.Fhir.fhir;
import static org.ketaminefhir.support.Fhir.newPatient;
import static org.ketaminefhir.support.Fhir.parse;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ketaminefhir.support.FhirServerTest;
import org.ketaminefhir.support.Observations;
import org.ketaminefhir.support.Tokens;

@FhirServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityIT {

    private String other;
    private String ownObservation;
    private String otherObservation;

    @BeforeAll
    void aPatientInTheAppsContextAndAnother() {
        Patient scoped = newPatient("Scoped");
        scoped.setId(Tokens.SCOPED_PATIENT);
        fhir().body(encode(scoped)).put("/Patient/" + Tokens.SCOPED_PATIENT).then().statusCode(org.hamcrest.Matchers.anyOf(
                org.hamcrest.Matchers.is(200), org.hamcrest.Matchers.is(201)));
        other = create(newPatient("Other"));
        ownObservation = create(Observations.heartRate("Patient/" + Tokens.SCOPED_PATIENT, 70));
        var observation = Observations.heartRate("Patient/" + other, 71);
        otherObservation = create(observation);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"GET, /Patient", "GET, /Observation?code=http://loinc.org|8867-4", "POST, /Patient", "POST, /",
        "GET, /Patient/x/$everything", "GET, /$ketamine-outcomes", "DELETE, /Patient/x", "GET, /_history"})
    void withoutATokenEverythingIs401WithAnOperationOutcome(String method, String path) {
        Response response = anonymous().body("{\"resourceType\":\"Patient\"}").request(method, path);

        response.then().statusCode(401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(parse(response, OperationOutcome.class).getIssueFirstRep().getDiagnostics())
                .startsWith("KETA-AUTH-401: a valid OAuth2 bearer token is required");
    }

    @Test
    void anInvalidTokenIs401() {
        Response response = anonymous().auth().oauth2("not.a.jwt").get("/Patient");

        response.then().statusCode(401);
        assertThat(response.header("WWW-Authenticate")).contains("invalid_token");
    }

    @Test
    void theCapabilityStatementAndSmartConfigurationArePublic() {
        anonymous().get("/metadata").then().statusCode(200);
        Response smart = anonymous().accept("application/json").get("/.well-known/smart-configuration");

        smart.then().statusCode(200);
        assertThat(smart.jsonPath().getString("token_endpoint")).endsWith("/oauth2/token");
        assertThat(smart.jsonPath().getList("token_endpoint_auth_methods_supported"))
                .contains("client_secret_basic", "private_key_jwt");
        assertThat(smart.jsonPath().getList("capabilities")).contains("permission-v2");
    }

    @Test
    void aWrongClientSecretGetsNoToken() {
        given().baseUri("http://localhost").port(RestAssured.port).basePath("").auth().preemptive()
                .basic(Tokens.ADMIN, "wrong").formParam("grant_type", "client_credentials")
                .post("/oauth2/token").then().statusCode(401);
    }

    @Test
    void aTokenForObservationsReadsObservationsAndNothingElse() {
        RequestSpecification reader = as(Tokens.OBSERVATION_READER);

        reader.get("/Observation/" + ownObservation).then().statusCode(200);
        reader.get("/Observation?code=http://loinc.org|8867-4").then().statusCode(200);
        assertForbidden(as(Tokens.OBSERVATION_READER).get("/Patient/" + other));
        assertForbidden(as(Tokens.OBSERVATION_READER).body(encode(Observations.heartRate("Patient/" + other, 90)))
                .post("/Observation"));
    }

    @Test
    void aPatientTokenReachesOnlyThatPatientsCompartment() {
        as(Tokens.PATIENT_APP).get("/Patient/" + Tokens.SCOPED_PATIENT).then().statusCode(200);
        as(Tokens.PATIENT_APP).get("/Observation/" + ownObservation).then().statusCode(200);
        as(Tokens.PATIENT_APP).get("/Observation?patient=" + Tokens.SCOPED_PATIENT).then().statusCode(200);
        as(Tokens.PATIENT_APP).get("/Patient/" + Tokens.SCOPED_PATIENT + "/$everything").then().statusCode(200);

        assertForbidden(as(Tokens.PATIENT_APP).get("/Patient/" + other));
        assertForbidden(as(Tokens.PATIENT_APP).get("/Observation/" + otherObservation));
        assertForbidden(as(Tokens.PATIENT_APP).get("/Observation?patient=" + other));
        assertForbidden(as(Tokens.PATIENT_APP).get("/Patient/" + other + "/$everything"));
        assertForbidden(as(Tokens.PATIENT_APP).body(encode(Observations.heartRate("Patient/" + Tokens.SCOPED_PATIENT, 90)))
                .post("/Observation"));
    }

    @Test
    void aPatientTokensSearchIsNarrowedToThatPatient() {
        Response response = as(Tokens.PATIENT_APP).get("/Observation?code=http://loinc.org|8867-4&_count=200");

        response.then().statusCode(200);
        assertThat(parse(response, org.hl7.fhir.r4.model.Bundle.class).getEntry())
                .isNotEmpty()
                .allSatisfy(e -> assertThat(((org.hl7.fhir.r4.model.Observation) e.getResource()).getSubject().getReference())
                        .isEqualTo("Patient/" + Tokens.SCOPED_PATIENT));
    }

    @Test
    void aPatientTokenCannotIncludeAnotherPatient() {
        var linked = Observations.heartRate("Patient/" + Tokens.SCOPED_PATIENT, 88);
        linked.addPerformer(new Reference("Patient/" + other));
        String id = create(linked);

        String own = "/Observation?patient=" + Tokens.SCOPED_PATIENT + "&_id=" + id;
        as(Tokens.PATIENT_APP).get(own).then().statusCode(200);
        Response included = as(Tokens.PATIENT_APP).get(own + "&_include=Observation:performer");

        assertForbidden(included);
        assertThat(included.asString()).doesNotContain("\"Other\"");
    }

    @Test
    void healthAndTheGuidePackageArePublicAndOtherPathsAreClosed() {
        given().baseUri("http://localhost").port(RestAssured.port).basePath("").auth().none()
                .get("/actuator/health/readiness").then().statusCode(200);
        given().baseUri("http://localhost").port(RestAssured.port).basePath("").auth().none()
                .get("/packages/ketamine-fhir.ig").then().statusCode(200);
        given().baseUri("http://localhost").port(RestAssured.port).basePath("").auth().none()
                .get("/actuator/env").then().statusCode(org.hamcrest.Matchers.anyOf(
                        org.hamcrest.Matchers.is(401), org.hamcrest.Matchers.is(403)));
    }

    private static void assertForbidden(Response response) {
        response.then().statusCode(403);
        assertThat(parse(response, OperationOutcome.class).getIssueFirstRep().getSeverity())
                .isEqualTo(OperationOutcome.IssueSeverity.ERROR);
    }

    private static RequestSpecification anonymous() {
        return fhir().auth().none();
    }

    private static RequestSpecification as(String client) {
        return fhir().auth().oauth2(Tokens.of(RestAssured.port, client));
    }

}
