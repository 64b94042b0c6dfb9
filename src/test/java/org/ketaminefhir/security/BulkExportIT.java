package org.ketaminefhir.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaminefhir.support.Fhir.create;
import static org.ketaminefhir.support.Fhir.diagnostics;
import static org.ketaminefhir.support.Fhir.fhir;
import static org.ketaminefhir.support.Fhir.newPatient;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.ketaminefhir.support.Fhir;
import org.ketaminefhir.support.FhirServerTest;
import org.ketaminefhir.support.Observations;
import org.ketaminefhir.support.Tokens;

/** Bulk Data Access IG: kick-off, status polling, NDJSON files read back and parsed, and who may see what. */
@FhirServerTest
class BulkExportIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aSystemExportRoundTrip() {
        Instant since = Instant.now().minusSeconds(1);
        String patient = create(newPatient("Exported"));
        String observation = create(Observations.phq9Total("Patient/" + patient, 12, "2026-03-02"));

        Response kickOff = fhir().header("Prefer", "respond-async")
                .get("/$export?_type=Patient,Observation&_since=" + since);
        kickOff.then().statusCode(202);
        String status = kickOff.header("Content-Location");
        assertThat(status).contains("$export-poll-status?_jobId=");

        JsonPath manifest = awaitManifest(status, null);
        assertThat(manifest.getBoolean("requiresAccessToken")).isTrue();
        assertThat(java.net.URLDecoder.decode(manifest.getString("request"), java.nio.charset.StandardCharsets.UTF_8))
                .contains("/fhir/$export?_type=Patient,Observation&_since=");
        Map<String, List<IBaseResource>> files = download(manifest, null);
        assertThat(files.keySet()).containsExactlyInAnyOrder("Patient", "Observation");
        assertThat(files.get("Patient")).extracting(r -> r.getIdElement().getIdPart()).contains(patient);
        assertThat(files.get("Observation")).extracting(r -> r.getIdElement().getIdPart()).contains(observation);
    }

    @Test
    void aPatientAndAGroupAreExportedWithTheirOwnDataOnly() {
        String alice = create(newPatient("Member"));
        String bob = create(newPatient("Outsider"));
        String aliceScore = create(Observations.phq9Total("Patient/" + alice, 9, "2026-03-02"));
        String bobScore = create(Observations.phq9Total("Patient/" + bob, 17, "2026-03-02"));
        Group cohort = new Group().setType(Group.GroupType.PERSON).setActual(true);
        cohort.addMember().setEntity(new Reference("Patient/" + alice));
        String group = create(cohort);

        Map<String, List<IBaseResource>> ofGroup = export("/Group/" + group + "/$export?_type=Observation", null);
        assertThat(ofGroup.get("Observation")).extracting(r -> r.getIdElement().getIdPart())
                .contains(aliceScore).doesNotContain(bobScore);

        Map<String, List<IBaseResource>> ofBob = export("/Patient/" + bob + "/$export?_type=Patient,Observation", null);
        assertThat(ofBob.get("Observation")).extracting(r -> r.getIdElement().getIdPart()).containsExactly(bobScore);
        assertThat(ofBob.get("Patient")).extracting(r -> r.getIdElement().getIdPart()).containsExactly(bob);
    }

    @Test
    void patientAndGroupExportsLeaveTheAuditTrailOut() {
        String patient = create(newPatient("Trailed"));
        String score = create(Observations.phq9Total("Patient/" + patient, 6, "2026-03-02"));
        fhir().get("/Patient/" + patient).then().statusCode(200);
        org.ketaminefhir.support.Poll.until(() -> Fhir.searchBundle(
                        fhir().get("/AuditEvent?patient=Patient/" + patient + "&_summary=count")).getTotal(),
                total -> total >= 3, WAIT);

        Map<String, List<IBaseResource>> ofPatient = export("/Patient/" + patient + "/$export", null);
        assertThat(ofPatient.keySet()).containsExactlyInAnyOrder("Patient", "Observation");
        assertThat(ofPatient.get("Observation")).extracting(r -> r.getIdElement().getIdPart()).containsExactly(score);

        Group cohort = new Group().setType(Group.GroupType.PERSON).setActual(true);
        cohort.addMember().setEntity(new Reference("Patient/" + patient));
        String group = create(cohort);
        Map<String, List<IBaseResource>> ofGroup = export("/Group/" + group + "/$export", null);
        assertThat(ofGroup.keySet()).contains("Patient", "Observation").doesNotContain("AuditEvent");

        Response askedFor = fhir().header("Prefer", "respond-async")
                .get("/Group/" + group + "/$export?_type=Observation,AuditEvent");
        askedFor.then().statusCode(400);
        assertThat(diagnostics(askedFor)).containsExactly("A group's export does not return AuditEvents: the audit"
                + " trail is not part of the patient's record. Search AuditEvent?patient=Patient/[id] for it.");
    }

    @Test
    void anExportHoldsOnlyWhatTheTokenCanRead() {
        String reader = Tokens.of(RestAssured.port, Tokens.OBSERVATION_READER);
        Instant since = Instant.now().minusSeconds(1);
        String patient = create(newPatient("Narrowed"));
        create(Observations.phq9Total("Patient/" + patient, 4, "2026-03-02"));

        Map<String, List<IBaseResource>> files = export("/$export?_since=" + since, reader);
        assertThat(files.keySet()).as("no _type: every type the token can read").containsExactly("Observation");

        Response patients = withToken(reader).header("Prefer", "respond-async").get("/fhir/$export?_type=Patient");
        patients.then().statusCode(403);
        assertThat(diagnostics(patients)).containsExactly(
                "The token's scopes allow reading none of the resource types to export: Patient");

        String patientApp = Tokens.of(RestAssured.port, Tokens.PATIENT_APP);
        for (String everyone : List.of("/fhir/$export?_type=Observation", "/fhir/Patient/$export?_type=Observation",
                "/fhir/Patient/" + patient + "/$export?_type=Observation")) {
            withToken(patientApp).header("Prefer", "respond-async").get(everyone).then().statusCode(403);
        }
    }

    @Test
    void anotherClientCanNeitherPollNorDownloadSomeoneElsesExport() {
        create(newPatient("Private"));
        String status = kickOff("/$export?_type=Patient&_since=" + Instant.now().minusSeconds(5), null);
        JsonPath manifest = awaitManifest(status, null);
        String file = manifest.getString("output[0].url");
        String reader = Tokens.of(RestAssured.port, Tokens.OBSERVATION_READER);

        Response poll = withToken(reader).get(status);
        poll.then().statusCode(404);
        assertThat(diagnostics(poll)).singleElement().asString().startsWith("No bulk export job ")
                .endsWith(" of this client");
        withToken(reader).delete(status).then().statusCode(404);
        Response twice = withToken(reader).get(status + "&_jobId=someone-else");
        twice.then().statusCode(400);
        assertThat(diagnostics(twice)).containsExactly("_jobId must be given exactly once");
        withToken(reader).accept("application/fhir+ndjson").get(file).then().statusCode(403);
        withToken(null).accept("application/fhir+ndjson").get(file).then().statusCode(200);
    }

    @Test
    void aKickOffWithoutPreferRespondAsyncIsRefused() {
        Response response = fhir().get("/$export?_type=Patient");
        response.then().statusCode(400);
        assertThat(diagnostics(response)).containsExactly("HAPI-0513: Must request async processing for $export");
    }

    private static Map<String, List<IBaseResource>> export(String path, String token) {
        return download(awaitManifest(kickOff(path, token), token), token);
    }

    private static String kickOff(String path, String token) {
        Response kickOff = withToken(token).header("Prefer", "respond-async").get("/fhir" + path);
        kickOff.then().statusCode(202);
        return kickOff.header("Content-Location");
    }

    private static JsonPath awaitManifest(String statusUrl, String token) {
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            Response poll = withToken(token).get(statusUrl);
            if (poll.statusCode() == 200) {
                return poll.jsonPath();
            }
            assertThat(poll.statusCode()).as(poll.asString()).isEqualTo(202);
            assertThat(Instant.now()).as("export finished in time").isBefore(deadline);
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static Map<String, List<IBaseResource>> download(JsonPath manifest, String token) {
        Map<String, List<IBaseResource>> files = new java.util.TreeMap<>();
        List<Map<String, String>> output = manifest.getList("output");
        for (Map<String, String> file : output) {
            Response ndjson = withToken(token).accept("application/fhir+ndjson").get(file.get("url"));
            ndjson.then().statusCode(200);
            List<IBaseResource> resources = new ArrayList<>();
            for (String line : ndjson.asString().split("\n")) {
                if (!line.isBlank()) {
                    resources.add(Fhir.json().parseResource(line));
                }
            }
            files.computeIfAbsent(file.get("type"), t -> new ArrayList<>()).addAll(resources);
        }
        return files;
    }

    /** A request from the root of the server (status and file URLs are absolute), with the admin token by default. */
    private static io.restassured.specification.RequestSpecification withToken(String token) {
        io.restassured.specification.RequestSpecification request = RestAssured.given().basePath("");
        return token == null ? request : request.auth().oauth2(token);
    }
}
