package org.ketaminefhir.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ketaminefhir.KetamineFhirApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * Every integration test runs against the one real server on a random port. Keeping this the only Spring test
 * configuration means the whole suite shares one cached context (one HAPI boot). Tests isolate themselves by data:
 * each creates its own patients with unique identifiers.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = KetamineFhirApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(RestAssuredPortExtension.class)
public @interface FhirServerTest {}
