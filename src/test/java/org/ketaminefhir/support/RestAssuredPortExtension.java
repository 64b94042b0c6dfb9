package org.ketaminefhir.support;

import io.restassured.RestAssured;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/** Points REST Assured at the running test server before each test. */
class RestAssuredPortExtension implements BeforeEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        String port = SpringExtension.getApplicationContext(context)
                .getEnvironment()
                .getRequiredProperty("local.server.port");
        RestAssured.port = Integer.parseInt(port);
        RestAssured.basePath = "/fhir";
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }
}
