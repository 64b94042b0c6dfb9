package org.ketaminefhir.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.ketaminefhir.support.Fhir.create;
import static org.ketaminefhir.support.Fhir.encode;
import static org.ketaminefhir.support.Fhir.fhir;
import static org.ketaminefhir.support.Fhir.newPatient;
import static org.ketaminefhir.support.Fhir.parse;
import static org.ketaminefhir.support.Fhir.searchBundle;

import ca.uhn.fhir.context.FhirContext;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.ketaminefhir.support.FhirServerTest;
import org.springframework.beans.factory.annotation.Autowired;

@FhirServerTest
class OperationsIT {

    @Autowired
    H2QueryHints queryHints;

    @Test
    void everythingReturnsThePatientAndTheirRecordButNotOtherPatients() {
        String patientId = create(newPatient("Everett"));
        String otherId = create(newPatient("Everett"));
        create(TransactionIT.heartRate("Patient/" + patientId, 81));
        create(TransactionIT.heartRate("Patient/" + otherId, 90));

        Bundle everything = searchBundle(fhir().get("/Patient/" + patientId + "/$everything"));

        assertThat(everything.getEntry())
                .extracting(e -> e.getResource().getIdElement().toUnqualifiedVersionless().getValue())
                .contains("Patient/" + patientId)
                .doesNotContain("Patient/" + otherId)
                .hasSize(2);
    }

    @Test
    void everythingOnH2IsPlannedFromTheLinkTargetIndex() {
        String patientId = create(newPatient("Indexed"));
        create(TransactionIT.heartRate("Patient/" + patientId, 72));
        long hintedBefore = queryHints.hintedQueries();

        Bundle everything = searchBundle(fhir().get("/Patient/" + patientId + "/$everything"));

        assertThat(queryHints.isEnabled()).isTrue();
        assertThat(queryHints.hintedQueries()).isGreaterThan(hintedBefore);
        assertThat(everything.getEntry()).extracting(e -> e.getResource().fhirType())
                .containsExactlyInAnyOrder("Patient", "Observation");
    }

    @Test
    void validateAgainstTheBaseSpecificationReportsErrors() {
        String invalid = "{\"resourceType\":\"Observation\",\"code\":{\"text\":\"HR\"}}";

        Response response = fhir().body(invalid).post("/Observation/$validate");

        // $validate reports problems in its OperationOutcome; the HTTP status says the operation itself ran.
        response.then().statusCode(200);
        OperationOutcome outcome = parse(response, OperationOutcome.class);
        assertThat(outcome.getIssue())
                .filteredOn(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR)
                .extracting(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                .anySatisfy(d -> assertThat(d).contains("Observation.status: minimum required = 1, but only found 0"));
    }

    @Test
    void validateAcceptsAValidResource() {
        Response response = fhir(newPatient("Valid")).post("/Patient/$validate");

        response.then().statusCode(200);
        assertThat(parse(response, OperationOutcome.class).getIssue())
                .noneMatch(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR);
    }

    @Test
    void xmlInAndOut() {
        String xml = FhirContext.forR4Cached().newXmlParser().encodeResourceToString(newPatient("Xu"));

        Response created = RestAssured.given()
                .contentType("application/fhir+xml")
                .accept("application/fhir+xml")
                .body(xml)
                .post("/Patient");

        created.then().statusCode(201).contentType(containsString("application/fhir+xml"));
        Patient stored = FhirContext.forR4Cached().newXmlParser().parseResource(Patient.class, created.asString());
        assertThat(stored.getNameFirstRep().getFamily()).isEqualTo("Xu");
        RestAssured.given()
                .get("/Patient/" + stored.getIdElement().getIdPart() + "?_format=xml")
                .then()
                .statusCode(200)
                .contentType(containsString("application/fhir+xml"))
                .body(containsString("<family value=\"Xu\"/>"));
    }

    @Test
    void gzipResponsesWhenAskedAndGzipRequestBodies() throws Exception {
        RestAssured.given()
                .header("Accept-Encoding", "gzip")
                .get("/metadata")
                .then()
                .statusCode(200)
                .header("Content-Encoding", "gzip");

        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(encode(newPatient("Gzipped")).getBytes(StandardCharsets.UTF_8));
        }
        Response created = fhir().header("Content-Encoding", "gzip").body(compressed.toByteArray()).post("/Patient");

        created.then().statusCode(201);
        assertThat(parse(created, Patient.class).getNameFirstRep().getFamily()).isEqualTo("Gzipped");
    }
}
