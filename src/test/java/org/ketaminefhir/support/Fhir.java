package org.ketaminefhir.support;

import static io.restassured.RestAssured.given;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;

/** Small helpers for talking FHIR JSON to the test server with REST Assured and reading the answers with HAPI. */
public final class Fhir {

    public static final String FHIR_JSON = "application/fhir+json";
    public static final String TEST_SYSTEM = "urn:ketamine-fhir:test";
    private static final FhirContext CONTEXT = FhirContext.forR4Cached();

    private Fhir() {}

    public static IParser json() {
        return CONTEXT.newJsonParser();
    }

    public static String encode(IBaseResource resource) {
        return json().encodeResourceToString(resource);
    }

    public static <T extends IBaseResource> T parse(Response response, Class<T> type) {
        return json().parseResource(type, response.asString());
    }

    /** A request with a FHIR JSON body and FHIR JSON accepted back. */
    public static RequestSpecification fhir() {
        return given().contentType(FHIR_JSON).accept(FHIR_JSON);
    }

    public static RequestSpecification fhir(IBaseResource body) {
        return fhir().body(encode(body));
    }

    public static String uniqueValue() {
        return UUID.randomUUID().toString();
    }

    public static Patient newPatient(String family) {
        Patient patient = new Patient();
        patient.addIdentifier(new Identifier().setSystem(TEST_SYSTEM).setValue(uniqueValue()));
        patient.addName().setFamily(family).addGiven("Alex");
        patient.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE);
        return patient;
    }

    /** The search that finds a patient made by {@link #newPatient}: {@code identifier=system|value}. */
    public static String identifierQuery(Patient patient) {
        return "identifier=" + TEST_SYSTEM + "|" + patient.getIdentifierFirstRep().getValue();
    }

    /** Creates the resource over HTTP and returns its id part (e.g. {@code 1234}). */
    public static String create(IBaseResource resource) {
        String type = CONTEXT.getResourceType(resource);
        Response response = fhir(resource).post("/" + type);
        response.then().statusCode(201);
        return idFromLocation(response.header("Location"));
    }

    /** {@code http://host/fhir/Patient/12/_history/1} → {@code 12}. */
    public static String idFromLocation(String location) {
        String[] parts = location.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].matches("[A-Z][A-Za-z]+") && !parts[i + 1].startsWith("_")) {
                return parts[i + 1];
            }
        }
        throw new IllegalArgumentException("No resource id in " + location);
    }

    public static Bundle searchBundle(Response response) {
        response.then().statusCode(200);
        return parse(response, Bundle.class);
    }

    /** The diagnostics of each issue, for exact assertions on an OperationOutcome. */
    public static java.util.List<String> diagnostics(Response response) {
        return parse(response, OperationOutcome.class).getIssue().stream()
                .map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                .toList();
    }
}
