package org.ketaminefhir.server;

import static org.hamcrest.Matchers.equalTo;

import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.ketaminefhir.support.FhirServerTest;

@FhirServerTest
class ActuatorIT {

    @Test
    void livenessAndReadinessProbesAreUp() {
        RestAssured.given().basePath("").get("/actuator/health/liveness").then().statusCode(200).body("status", equalTo("UP"));
        RestAssured.given().basePath("").get("/actuator/health/readiness").then().statusCode(200).body("status", equalTo("UP"));
        RestAssured.given().basePath("").get("/actuator/health").then().statusCode(200).body("status", equalTo("UP"));
    }
}
