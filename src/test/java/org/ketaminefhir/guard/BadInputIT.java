package org.ketaminefhir.guard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaminefhir.support.Fhir.TEST_SYSTEM;
import static org.ketaminefhir.support.Fhir.create;
import static org.ketaminefhir.support.Fhir.diagnostics;
import static org.ketaminefhir.support.Fhir.encode;
import static org.ketaminefhir.support.Fhir.fhir;
import static org.ketaminefhir.support.Fhir.newPatient;
import static org.ketaminefhir.support.Fhir.parse;
import static org.ketaminefhir.support.Fhir.searchBundle;
import static org.ketaminefhir.support.Fhir.uniqueValue;

import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.ketaminefhir.support.FhirServerTest;

/** Every kind of bad input gets a 4xx OperationOutcome that says what is wrong, and nothing is stored. */
@FhirServerTest
class BadInputIT {

    private final String identifier = uniqueValue();

    private String patientJson(String extraMembers) {
        return "{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"" + TEST_SYSTEM + "\",\"value\":\""
                + identifier + "\"}]" + extraMembers + "}";
    }

    private void assertRefused(Response response, int status, String diagnosticsPart) {
        response.then().statusCode(status).contentType("application/fhir+json");
        OperationOutcome outcome = parse(response, OperationOutcome.class);
        assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(IssueSeverity.ERROR);
        assertThat(diagnostics(response)).anySatisfy(d -> assertThat(d).contains(diagnosticsPart));
    }

    private void assertNothingStored() {
        assertThat(searchBundle(fhir().get("/Patient?identifier=" + TEST_SYSTEM + "|" + identifier))
                        .getEntry())
                .isEmpty();
    }

    @Test
    void malformedJson() {
        Response response = fhir().body(patientJson("").replace("}]}", "}]")).post("/Patient");

        assertRefused(response, 400, "HAPI-0450: Failed to parse request body as JSON resource");
        assertNothingStored();
    }

    @Test
    void resourceOfTheWrongTypeForTheEndpoint() {
        Response response = fhir().body("{\"resourceType\":\"Observation\",\"status\":\"final\"}")
                .post("/Patient");

        assertRefused(response, 400, "Incorrect resource type found, expected \"Patient\" but found \"Observation\"");
    }

    @Test
    void unknownResourceTypeInTheBody() {
        Response response = fhir().body("{\"resourceType\":\"Banana\"}").post("/Patient");

        assertRefused(response, 400, "Incorrect resource type found, expected \"Patient\" but found \"Banana\"");
    }

    @Test
    void unknownResourceTypeInThePath() {
        Response response = fhir().body("{\"resourceType\":\"Banana\"}").post("/Banana");

        assertRefused(response, 404, "Unknown resource type 'Banana'");
    }

    @Test
    void invalidCode() {
        Response response = fhir().body(patientJson(",\"gender\":\"banana\"")).post("/Patient");

        assertRefused(response, 400, "Invalid attribute value \"banana\": Unknown AdministrativeGender code 'banana'");
        assertNothingStored();
    }

    @Test
    void invalidDate() {
        Response response = fhir().body(patientJson(",\"birthDate\":\"1980-13-45\"")).post("/Patient");

        assertRefused(response, 400, "Invalid attribute value \"1980-13-45\"");
        assertNothingStored();
    }

    @Test
    void unknownJsonElementIsRejectedNotDropped() {
        Response response = fhir().body(patientJson(",\"favouriteColour\":\"teal\"")).post("/Patient");

        assertRefused(response, 400, "HAPI-1825: Unknown element 'favouriteColour' found during parse");
        assertNothingStored();
    }

    @Test
    void wrongJsonTypeForAnElement() {
        Response response = fhir().body(patientJson(",\"active\":\"true\"")).post("/Patient");

        assertRefused(response, 400, "KETA-GUARD-002: Patient.active: expected a JSON boolean, found a string");
        assertNothingStored();
    }

    @Test
    void arrayForASingleValuedElementIsRejectedNotTruncated() {
        assertRefused(fhir().body(patientJson(",\"gender\":[\"male\",\"female\"]")).post("/Patient"), 400,
                "HAPI-1823: Multiple repetitions of non-repeatable element 'gender' found during parse");

        Response response = fhir().body(patientJson(",\"gender\":[\"male\"]")).post("/Patient");

        response.then().statusCode(400);
        assertThat(diagnostics(response))
                .containsExactly("KETA-GUARD-002: Patient.gender: expected a single value, found an array");
        assertThat(parse(response, OperationOutcome.class).getIssueFirstRep().getExpression().get(0).getValue())
                .isEqualTo("Patient.gender");
        assertNothingStored();
    }

    @Test
    void wrongShapeInsideATransactionEntryStoresNothing() {
        String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"resource\":"
                + patientJson("") + ",\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}},{\"resource\":"
                + "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"HR\"},"
                + "\"valueQuantity\":{\"value\":\"88\"}},\"request\":{\"method\":\"POST\",\"url\":\"Observation\"}}]}";

        Response response = fhir().body(bundle).post("/");

        response.then().statusCode(400);
        assertThat(diagnostics(response)).containsExactly(
                "KETA-GUARD-002: Bundle.entry[1].resource.valueQuantity.value: expected a JSON number, found a string");
        assertNothingStored();
    }

    @Test
    void transactionEntryWithNeitherUrlNorResourceIsMalformedNotForbidden() {
        String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"resource\":"
                + patientJson("") + ",\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}},"
                + "{\"request\":{\"method\":\"POST\"}}]}";

        Response response = fhir().body(bundle).post("/");

        assertRefused(response, 400, "KETA-GUARD-006");
        assertThat(diagnostics(response)).containsExactly(
                "KETA-GUARD-006: Bundle.entry[1].request.url: minimum required = 1, but only found 0",
                "KETA-GUARD-006: Bundle.entry[1].resource: a POST entry needs a resource");
        assertThat(parse(response, OperationOutcome.class).getIssue().get(1).getExpression().get(0).getValue())
                .isEqualTo("Bundle.entry[1].resource");
        assertNothingStored();
    }

    @Test
    void transactionEntryWhoseUrlNamesAnotherTypeStoresNothing() {
        String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[{\"resource\":"
                + patientJson("") + ",\"request\":{\"method\":\"POST\",\"url\":\"Observation\"}}]}";

        Response response = fhir().body(bundle).post("/");

        assertRefused(response, 400, "KETA-GUARD-006: Bundle.entry[0].request.url: POST Observation names the type "
                + "Observation, but the entry carries a Patient");
        assertNothingStored();
    }

    @Test
    void jsonPatchOfTheIdIsRefusedAndChangesNothing() {
        String id = create(newPatient("Okafor"));
        String patch = "[{\"op\":\"replace\",\"path\":\"/gender\",\"value\":\"male\"},"
                + "{\"op\":\"replace\",\"path\":\"/id\",\"value\":\"other\"}]";

        Response response = given().contentType("application/json-patch+json").accept("application/fhir+json")
                .body(patch).patch("/Patient/" + id);

        assertRefused(response, 400, "KETA-GUARD-008");
        assertThat(diagnostics(response)).containsExactly("KETA-GUARD-008: JSON Patch operation 1 (replace /id): a "
                + "patch cannot change the resource's id: the request URL names the resource");
        assertThat(parse(response, OperationOutcome.class).getIssueFirstRep().getCode())
                .isEqualTo(OperationOutcome.IssueType.INVALID);
        Response stored = fhir().get("/Patient/" + id);
        stored.then().statusCode(200).header("ETag", "W/\"1\"");
        assertThat(parse(stored, Patient.class).getGender()).isEqualTo(AdministrativeGender.FEMALE);
    }

    @Test
    void fhirPathPatchOfTheVersionIdIsRefused() {
        String id = create(newPatient("Okafor"));
        String patch = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"operation\",\"part\":["
                + "{\"name\":\"type\",\"valueCode\":\"replace\"},{\"name\":\"path\",\"valueString\":"
                + "\"Patient.meta.versionId\"},{\"name\":\"value\",\"valueId\":\"7\"}]}]}";

        Response response = fhir().body(patch).patch("/Patient/" + id);

        assertRefused(response, 400, "KETA-GUARD-008: Parameters.parameter[0]: replace Patient.meta.versionId: a "
                + "patch cannot set meta.versionId: the server assigns it at every change");
        assertThat(parse(response, OperationOutcome.class).getIssueFirstRep().getExpression().get(0).getValue())
                .isEqualTo("Parameters.parameter[0]");
        fhir().get("/Patient/" + id).then().statusCode(200).header("ETag", "W/\"1\"");
    }

    @Test
    void xmlPatchOfTheIdIsRefused() {
        String id = create(newPatient("Okafor"));
        String patch = "<diff xmlns:f=\"http://hl7.org/fhir\"><remove sel=\"/f:Patient/f:id\"/></diff>";

        Response response = given().contentType("application/xml-patch+xml").accept("application/fhir+json")
                .body(patch).patch("/Patient/" + id);

        assertRefused(response, 400, "KETA-GUARD-008: XML Patch operation 0 (remove /f:Patient/f:id): a patch cannot "
                + "change the resource's id: the request URL names the resource");
        fhir().get("/Patient/" + id).then().statusCode(200).header("ETag", "W/\"1\"");
    }

    @Test
    void transactionPatchEntryOfTheIdStoresNothing() {
        String id = create(newPatient("Okafor"));
        String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"resource\":"
                + patientJson("") + ",\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}},"
                + "{\"resource\":{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"operation\",\"part\":["
                + "{\"name\":\"type\",\"valueCode\":\"add\"},{\"name\":\"path\",\"valueString\":\"Patient\"},"
                + "{\"name\":\"name\",\"valueString\":\"id\"},{\"name\":\"value\",\"valueId\":\"other\"}]}]},"
                + "\"request\":{\"method\":\"PATCH\",\"url\":\"Patient/" + id + "\"}}]}";

        Response response = fhir().body(bundle).post("/");

        assertRefused(response, 400, "KETA-GUARD-008: Bundle.entry[1].resource.parameter[0]: add Patient id: a patch "
                + "cannot change the resource's id: the request URL names the resource");
        assertNothingStored();
        fhir().get("/Patient/" + id).then().statusCode(200).header("ETag", "W/\"1\"");
    }

    @Test
    void xmlOutsideTheFhirNamespaceIsRefused() {
        String xml = "<Patient><identifier><system value=\"" + TEST_SYSTEM + "\"/><value value=\"" + identifier
                + "\"/></identifier></Patient>";

        Response response = given()
                .contentType("application/fhir+xml")
                .accept("application/fhir+json")
                .body(xml)
                .post("/Patient");

        assertRefused(response, 400,
                "KETA-GUARD-007: Patient: the element is in no namespace, not in http://hl7.org/fhir");
        assertNothingStored();
    }

    @Test
    void missingRequiredElementsAreNamedOneByOne() {
        Response response = fhir().body(
                        "{\"resourceType\":\"Observation\",\"component\":[{\"valueString\":\"x\"}]}")
                .post("/Observation");

        response.then().statusCode(422);
        assertThat(diagnostics(response))
                .containsExactly(
                        "KETA-GUARD-001: Observation.status: minimum required = 1, but only found 0",
                        "KETA-GUARD-001: Observation.code: minimum required = 1, but only found 0",
                        "KETA-GUARD-001: Observation.component[0].code: minimum required = 1, but only found 0");
        assertThat(parse(response, OperationOutcome.class).getIssueFirstRep().getCode())
                .isEqualTo(OperationOutcome.IssueType.REQUIRED);
    }

    @Test
    void missingRequiredElementOnUpdateIsRefusedAndTheStoredVersionStays() {
        String id = create(newPatient("Ito"));
        String linkWithoutOther = "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",\"link\":[{\"type\":\"seealso\"}]}";

        Response response = fhir().body(linkWithoutOther).put("/Patient/" + id);

        response.then().statusCode(422);
        assertThat(diagnostics(response))
                .containsExactly("KETA-GUARD-001: Patient.link[0].other: minimum required = 1, but only found 0");
        fhir().get("/Patient/" + id).then().statusCode(200).header("ETag", "W/\"1\"");
    }

    @Test
    void danglingReference() {
        String body = "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"HR\"},"
                + "\"subject\":{\"reference\":\"Patient/does-not-exist-" + identifier + "\"}}";

        Response response = fhir().body(body).post("/Observation");

        assertRefused(response, 400, "Resource Patient/does-not-exist-" + identifier + " not found");
    }

    @Test
    void unknownSearchParameter() {
        assertRefused(fhir().get("/Patient?favourite-colour=teal"), 400,
                "HAPI-0524: Unknown search parameter \"favourite-colour\" for resource type \"Patient\"");
    }

    @Test
    void malformedSearchValue() {
        assertRefused(fhir().get("/Patient?birthdate=yesterday"), 400,
                "HAPI-1940: Invalid date/time/quantity format: \"yesterday\"");
    }

    @Test
    void malformedCount() {
        assertRefused(fhir().get("/Patient?_count=lots"), 400, "_count");
    }

    @Test
    void wrongContentType() {
        Response response = given()
                .contentType("text/plain")
                .body(patientJson(""))
                .post("/Patient");

        assertRefused(response, 400, "HAPI-0449: Incorrect Content-Type header value of \"text/plain");
        assertNothingStored();
    }

    @Test
    void bodyOverTheLimitWithContentLength() {
        byte[] body = oversizedPatient();

        Response response = fhir().body(body).post("/Patient");

        assertRefused(response, 413, "KETA-GUARD-413: Request body exceeds the limit of 2097152 bytes");
        assertNothingStored();
    }

    @Test
    void chunkedBodyOverTheLimit() {
        Response response = fhir().body(new ByteArrayInputStream(oversizedPatient())).post("/Patient");

        assertRefused(response, 413, "KETA-GUARD-413: Request body exceeds the limit of 2097152 bytes");
        assertNothingStored();
    }

    private byte[] oversizedPatient() {
        String longText = "x".repeat(3 * 1024 * 1024);
        return patientJson(",\"text\":{\"status\":\"generated\",\"div\":\"<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\">"
                        + longText + "</div>\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void validPatientJustUnderTheLimitIsAccepted() {
        fhir().body(encode(newPatient("Within-Limit"))).post("/Patient").then().statusCode(201);
    }
}
