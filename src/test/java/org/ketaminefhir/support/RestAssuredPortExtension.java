package org.ketaminefhir.support;

import io.restassured.RestAssured;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Points REST Assured at the running test server, before a class's set-up and before each test, with a token of the
 * test client that may do everything (tests of the scopes themselves ask for other tokens, or none).
 */
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
        RestAssured.authentication = RestAssured.oauth2(Tokens.of(RestAssured.port, Tokens.ADMIN));
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }
}
