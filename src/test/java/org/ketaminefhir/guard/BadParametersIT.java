package org.ketaminefhir.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaminefhir.support.Fhir.create;
import static org.ketaminefhir.support.Fhir.diagnostics;
import static org.ketaminefhir.support.Fhir.fhir;
import static org.ketaminefhir.support.Fhir.newPatient;
import static org.ketaminefhir.support.Fhir.parse;

import io.restassured.response.Response;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ketaminefhir.support.FhirServerTest;

/**
 * Query parameters and headers that HAPI used to answer with 500: each now gets a 400 OperationOutcome that names the
 * mistake, and a refused change leaves the resource as it was.
 */
@FhirServerTest
class BadParametersIT {

    private String patientId;

    @BeforeEach
    void storePatient() {
        patientId = create(newPatient("Parameters"));
    }

    private static void assertBadRequest(Response response, String diagnostics) {
        response.then().statusCode(400).contentType("application/fhir+json");
        assertThat(diagnostics(response)).contains(diagnostics);
    }

    private void assertPatientUnchanged() {
        fhir().get("/Patient/" + patientId).then().statusCode(200).header("ETag", "W/\"1\"");
    }

    @Test
    void negativeOffsetInASearch() {
        assertBadRequest(fhir().get("/Observation?_offset=-5"),
                "KETA-GUARD-003: _offset must be a whole number from 0 to 2147483647, not '-5'");
    }

    @Test
    void negativeOffsetInAHistory() {
        assertBadRequest(fhir().get("/Patient/" + patientId + "/_history?_offset=-1"),
                "KETA-GUARD-003: _offset must be a whole number from 0 to 2147483647, not '-1'");
    }

    @Test
    void quantitySearchValueThatIsNotANumber() {
        assertBadRequest(fhir().get("/Observation?value-quantity=ge2020-01-01T25:00"),
                "KETA-GUARD-003: value-quantity needs a number, optionally with a prefix such as gt and |system|code "
                        + "after it, not 'ge2020-01-01T25:00'");
    }

    @Test
    void searchValuesHapiOnlyRefusedWithAnInternalError() {
        assertBadRequest(fhir().get("/RiskAssessment?probability=ge2020-01-01T25:00"),
                "KETA-GUARD-003: probability needs a number, optionally with a prefix such as gt, not "
                        + "'ge2020-01-01T25:00'");
        assertBadRequest(fhir().get("/RiskAssessment?probability="), "KETA-GUARD-003: probability needs a value");
        Response near = fhir().get("/Location?near=abc");
        near.then().statusCode(400);
        assertThat(diagnostics(near)).singleElement().asString()
                .startsWith("KETA-GUARD-004: HAPI-1230: Invalid position format 'abc'.");
    }

    @Test
    void quantitySearchValuePostedAsAForm() {
        assertBadRequest(fhir().contentType("application/x-www-form-urlencoded").formParam("value-quantity", "2020-99")
                        .post("/Observation/_search"),
                "KETA-GUARD-003: value-quantity needs a number, optionally with a prefix such as gt and |system|code "
                        + "after it, not '2020-99'");
    }

    @Test
    void searchesInsideABatch() {
        String batch = "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":["
                + "{\"request\":{\"method\":\"GET\",\"url\":\"Patient?_count=1\"}},"
                + "{\"request\":{\"method\":\"GET\",\"url\":\"Observation?value-quantity=2020-99\"}}]}";

        assertBadRequest(fhir().body(batch).post("/"),
                "KETA-GUARD-003: Bundle.entry[1].request.url: value-quantity needs a number, optionally with a prefix "
                        + "such as gt and |system|code after it, not '2020-99'");
    }

    @Test
    void compositeSearchValueWithOnePart() {
        assertBadRequest(fhir().get("/Observation?code-value-string=abc"),
                "KETA-GUARD-003: code-value-string combines two values: give both, separated by $, not 'abc'");
    }

    @Test
    void countThatIsNotANumberInEverything() {
        assertBadRequest(fhir().get("/Patient/" + patientId + "/$everything?_count=abc"),
                "KETA-GUARD-003: _count must be a whole number from 0 to 2147483647, not 'abc'");
    }

    @Test
    void operationParameterThatIsNotANumber() {
        assertBadRequest(fhir().get("/Patient/" + patientId + "/$diff?fromVersion=abc"),
                "KETA-GUARD-004: parameter fromVersion must be a whole number within range, not 'abc'");
        assertBadRequest(fhir().get("/ValueSet/$expand?url=http://hl7.org/fhir/ValueSet/administrative-gender"
                        + "&count=99999999999"),
                "KETA-GUARD-004: parameter count must be a whole number within range, not '99999999999'");
    }

    @Test
    void operationParametersOfTheWrongKindInABody() {
        assertBadRequest(fhir().body("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"resource\","
                                + "\"valueString\":\"abc\"}]}")
                        .post("/ValueSet/$validate"),
                "KETA-GUARD-004: $validate was given a parameter of the wrong kind: a resource where a value belongs, "
                        + "or a value where a resource belongs");
        assertBadRequest(fhir().body("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"valueSet\","
                                + "\"resource\":{\"resourceType\":\"Basic\",\"code\":{\"text\":\"x\"}}}]}")
                        .post("/ValueSet/$expand"),
                "KETA-GUARD-004: $expand was given a Basic where it expects a ValueSet");
        assertBadRequest(fhir().body("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"_offset\","
                                + "\"valueInteger\":-1}]}")
                        .post("/Encounter/$everything"),
                "KETA-GUARD-004: $everything does not take _offset; follow the next links to page through it");
    }

    @Test
    void hapiOperationsMissingARequiredParameter() {
        assertBadRequest(fhir().get("/$diff"),
                "KETA-GUARD-004: $diff on the server needs the parameters from and to (the resource versions to "
                        + "compare)");
        assertBadRequest(fhir().get("/CodeSystem/$subsumes?codeA=abc"),
                "KETA-GUARD-004: $subsumes needs codeA and codeB with system, or codingA and codingB");
    }

    @Test
    void complexParameterGivenInTheUrl() {
        assertBadRequest(fhir().get("/Patient/$hapi.fhir.merge?source-resource=abc"),
                "KETA-GUARD-004: $hapi.fhir.merge takes a parameter of a complex type (such as a Reference or "
                        + "Coding) that cannot be given in the URL; POST a Parameters resource instead");
    }

    @Test
    void ifMatchThatNamesNoVersion() {
        Patient changed = newPatient("Changed").setActive(false);
        changed.setId(patientId);

        assertBadRequest(fhir().header("If-Match", "W/\"abc\"").body(org.ketaminefhir.support.Fhir.encode(changed))
                        .put("/Patient/" + patientId),
                "KETA-GUARD-003: If-Match must name the version the change applies to, as W/\"<version>\", not "
                        + "'W/\"abc\"'");
        assertPatientUnchanged();
    }

    @Test
    void xmlPatchThatDoesNotParse() {
        Response response = fhir().contentType("application/xml-patch+xml").body("garbage")
                .patch("/Patient/" + patientId);

        response.then().statusCode(400);
        assertThat(diagnostics(response)).singleElement().asString()
                .startsWith("KETA-GUARD-004: the XML patch could not be applied: ");
        assertPatientUnchanged();
    }

    @Test
    void cohortOutcomesWithAnEmptyDate() {
        assertBadRequest(fhir().get("/$ketamine-outcomes?end="),
                "end needs a date (YYYY, YYYY-MM or YYYY-MM-DD); it was given empty");
    }

    @Test
    void operationsNeedingAnIndexThisServerDoesNotRunAreWithdrawn() {
        assertBadRequest(fhir().get("/Observation/$lastn?max=1"),
                "KETA-GUARD-005: $lastn is not offered by this server: it needs an Elasticsearch index of "
                        + "Observations. Search Observation with _sort=-date and _count for a patient's latest results");
        assertBadRequest(fhir().body("{\"resourceType\":\"Parameters\"}").post("/$reindex-terminology"),
                "KETA-GUARD-005: $reindex-terminology is not offered by this server: it rebuilds a full-text "
                        + "terminology index, and this server does not keep one");

        CapabilityStatement capabilities = parse(fhir().get("/metadata"), CapabilityStatement.class);
        assertThat(capabilities.getRestFirstRep().getOperation()).extracting("name")
                .contains("diff").doesNotContain("reindex-terminology", "lastn");
        assertThat(capabilities.getRestFirstRep().getResource()).filteredOn(r -> r.getType().equals("Observation"))
                .singleElement().satisfies(observation -> assertThat(observation.getOperation()).extracting("name")
                        .contains("validate").doesNotContain("lastn"));
    }
}
