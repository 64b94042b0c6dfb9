package org.ketaminefhir.support;

import io.restassured.RestAssured;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/** Points REST Assured at the running test server, before a class's set-up and before each test. */
class RestAssuredPortExtension implements BeforeAllCallback, BeforeEachCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        pointAtServer(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        pointAtServer(context);
    }

    private static void pointAtServer(ExtensionContext context) {
        String port = SpringExtension.getApplicationContext(context)
                .getEnvironment()
                .getRequiredProperty("local.server.port");
        RestAssured.port = Integer.parseInt(port);
        RestAssured.basePath = "/fhir";
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }
}
