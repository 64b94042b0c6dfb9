package org.ketaminefhir.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.ketaminefhir.support.Fhir.create;
import static org.ketaminefhir.support.Fhir.diagnostics;
import static org.ketaminefhir.support.Fhir.fhir;
import static org.ketaminefhir.support.Fhir.newPatient;
import static org.ketaminefhir.support.Fhir.parse;
import static org.ketaminefhir.support.Fhir.searchBundle;

import io.restassured.response.Response;
import java.time.Instant;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.ketaminefhir.support.FhirServerTest;

@FhirServerTest
class CrudIT {

    @Test
    void createReturnsLocationAndETagAndReadReturnsTheStoredResource() {
        Patient patient = newPatient("Okafor");

        Response created = fhir(patient).post("/Patient");

        created.then().statusCode(201).header("ETag", "W/\"1\"").header("Location", containsString("/_history/1"));
        Patient stored = parse(created, Patient.class);
        Response read = fhir().get("/Patient/" + stored.getIdElement().getIdPart());
        read.then().statusCode(200).header("ETag", "W/\"1\"");
        Patient readBack = parse(read, Patient.class);
        assertThat(readBack.getNameFirstRep().getFamily()).isEqualTo("Okafor");
        assertThat(readBack.getIdentifierFirstRep().getValue())
                .isEqualTo(patient.getIdentifierFirstRep().getValue());
        assertThat(readBack.getMeta().getVersionId()).isEqualTo("1");
    }

    @Test
    void updateCreatesANewVersionAndVreadReturnsEachVersion() {
        Patient patient = newPatient("Lindqvist");
        String id = create(patient);
        patient.setId(id);
        patient.getNameFirstRep().setFamily("Lindqvist-Berg");

        fhir(patient).put("/Patient/" + id).then().statusCode(200).header("ETag", "W/\"2\"");

        assertThat(parse(fhir().get("/Patient/" + id + "/_history/1"), Patient.class)
                        .getNameFirstRep()
                        .getFamily())
                .isEqualTo("Lindqvist");
        assertThat(parse(fhir().get("/Patient/" + id + "/_history/2"), Patient.class)
                        .getNameFirstRep()
                        .getFamily())
                .isEqualTo("Lindqvist-Berg");
        fhir().get("/Patient/" + id + "/_history/3").then().statusCode(404);
    }

    @Test
    void updateWithAStaleIfMatchIsRefusedAndDoesNotOverwrite() {
        Patient patient = newPatient("Moreau");
        String id = create(patient);
        patient.setId(id);
        patient.getNameFirstRep().setFamily("Moreau-2");
        fhir(patient).header("If-Match", "W/\"1\"").put("/Patient/" + id).then().statusCode(200);

        patient.getNameFirstRep().setFamily("Moreau-stale");
        Response stale = fhir(patient).header("If-Match", "W/\"1\"").put("/Patient/" + id);

        stale.then().statusCode(409);
        assertThat(diagnostics(stale).get(0)).contains("Trying to update Patient/" + id + "/_history/1");
        Patient current = parse(fhir().get("/Patient/" + id), Patient.class);
        assertThat(current.getNameFirstRep().getFamily()).isEqualTo("Moreau-2");
        assertThat(current.getMeta().getVersionId()).isEqualTo("2");
    }

    @Test
    void readAfterDeleteIsGoneAndHistoryKeepsTheOldVersion() {
        String id = create(newPatient("Nakamura"));

        fhir().delete("/Patient/" + id).then().statusCode(200);

        fhir().get("/Patient/" + id).then().statusCode(410);
        fhir().get("/Patient/" + id + "/_history/1").then().statusCode(200).body("id", equalTo(id));
        Bundle history = searchBundle(fhir().get("/Patient/" + id + "/_history"));
        assertThat(history.getEntry()).hasSize(2);
        assertThat(history.getEntry().get(0).getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.DELETE);
    }

    @Test
    void historyAtInstanceTypeAndSystemLevelHonoursSince() throws InterruptedException {
        String before = Instant.now().minusMillis(5).toString();
        Patient patient = newPatient("Haddad");
        String id = create(patient);
        patient.setId(id);
        patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1980-02-03"));
        fhir(patient).put("/Patient/" + id).then().statusCode(200);
        Thread.sleep(20);
        String after = Instant.now().toString();

        assertThat(searchBundle(fhir().get("/Patient/" + id + "/_history?_since=" + before)).getEntry())
                .hasSize(2);
        assertThat(searchBundle(fhir().get("/Patient/" + id + "/_history?_since=" + after)).getEntry())
                .isEmpty();
        assertThat(idsIn(searchBundle(fhir().get("/Patient/_history?_since=" + before + "&_count=500"))))
                .contains("Patient/" + id);
        assertThat(idsIn(searchBundle(fhir().get("/_history?_since=" + before + "&_count=500"))))
                .contains("Patient/" + id);
        assertThat(idsIn(searchBundle(fhir().get("/_history?_since=" + after + "&_count=500"))))
                .doesNotContain("Patient/" + id);
    }

    private static java.util.List<String> idsIn(Bundle bundle) {
        return bundle.getEntry().stream()
                .map(e -> e.getResource().getIdElement().toUnqualifiedVersionless().getValue())
                .toList();
    }
}
