package org.ketaminefhir.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaminefhir.support.Fhir.create;
import static org.ketaminefhir.support.Fhir.encode;
import static org.ketaminefhir.support.Fhir.fhir;
import static org.ketaminefhir.support.Fhir.identifierQuery;
import static org.ketaminefhir.support.Fhir.newPatient;
import static org.ketaminefhir.support.Fhir.parse;
import static org.ketaminefhir.support.Fhir.searchBundle;
import static org.ketaminefhir.support.Fhir.uniqueValue;

import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.ketaminefhir.support.FhirServerTest;
import org.ketaminefhir.support.Observations;
import org.ketaminefhir.support.Tokens;

@FhirServerTest
class AuditIT {

    @Test
    void createReadAndAnOperationEachLeaveAnAuditEventNamingTheClient() {
        String patient = create(newPatient("Audited"));
        fhir().get("/Patient/" + patient).then().statusCode(200);
        fhir().get("/Patient/" + patient + "/$everything").then().statusCode(200);

        // Waits for the three events this test causes. Its own searches of the trail are audited too (as queries of
        // this patient's record), so more events may be there by then.
        List<AuditEvent> events = org.ketaminefhir.support.Poll.until(
                () -> events("entity=Patient/" + patient),
                found -> found.stream().map(e -> e.getAction().toCode()).toList().containsAll(List.of("C", "R"))
                        && found.stream().anyMatch(AuditIT::isEverything),
                java.time.Duration.ofSeconds(30));

        assertThat(events).extracting(e -> e.getAction().toCode()).contains("C", "R", "E");
        assertThat(events).allSatisfy(e -> assertThat(e.getAgentFirstRep().getWho().getIdentifier().getValue())
                .isEqualTo(Tokens.ADMIN));
        assertThat(events).filteredOn(AuditIT::isEverything)
                .singleElement()
                .satisfies(e -> assertThat(e.getAction()).isEqualTo(AuditEvent.AuditEventAction.E));
    }

    private static boolean isEverything(AuditEvent event) {
        return "$everything".equals(event.getEntityFirstRep().getName());
    }

    @Test
    void eachEntryOfATransactionIsAuditedAndFoundByTheResourceAndByThePatient() {
        Patient patient = newPatient("Transacted");
        String patientUrn = "urn:uuid:" + uniqueValue();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        bundle.addEntry().setFullUrl(patientUrn).setResource(patient).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("Patient").setIfNoneExist(identifierQuery(patient));
        bundle.addEntry().setFullUrl("urn:uuid:" + uniqueValue()).setResource(Observations.heartRate(patientUrn, 72))
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
        bundle.addEntry().setFullUrl("urn:uuid:" + uniqueValue())
                .setResource(Observations.heartRate("Patient?" + identifierQuery(patient), 74))
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");

        List<String> created = parse(fhir(bundle).post("/").then().statusCode(200).extract().response(), Bundle.class)
                .getEntry().stream().map(e -> e.getResponse().getLocation().replaceAll("/_history/.*", "")).toList();

        for (String resource : created) {
            assertThat(events("entity=" + resource + "&action=C")).filteredOn(e -> dataEntityOf(e).equals(resource))
                    .hasSize(1);
        }
        assertThat(events("patient=" + created.get(0) + "&action=C")).extracting(AuditIT::dataEntityOf)
                .containsExactlyInAnyOrderElementsOf(created);
    }

    /** The resource an event of a change is about (BALP's entity with role 4, domain resource), without version. */
    private static String dataEntityOf(AuditEvent event) {
        return event.getEntity().stream().filter(entity -> "4".equals(entity.getRole().getCode()))
                .map(entity -> new org.hl7.fhir.r4.model.IdType(entity.getWhat().getReference())
                        .toUnqualifiedVersionless().getValue())
                .findFirst().orElse("");
    }

    @Test
    void aSearchIsAuditedAgainstThePatientsItShowed() {
        String patient = create(newPatient("Searched"));

        fhir().get("/Patient?_id=" + patient).then().statusCode(200);

        assertThat(eventually("patient=Patient/" + patient + "&action=E", 1)).isNotEmpty();
    }

    @Test
    void aDeleteIsAuditedAndNamesWhatWasDeleted() {
        String patient = create(newPatient("Deleted"));

        fhir().delete("/Patient/" + patient).then().statusCode(200);

        List<AuditEvent> deletes = events("action=D&_sort=-date&_count=50").stream()
                .filter(e -> e.getEntity().stream().anyMatch(entity -> entity.getWhat().getIdentifier().getValue() != null
                        && entity.getWhat().getIdentifier().getValue().startsWith("Patient/" + patient + "/")))
                .toList();
        assertThat(deletes).hasSize(1);
        assertThat(deletes.get(0).getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo(Tokens.ADMIN);
    }

    @Test
    void aRequestTheScopesRefuseIsAuditedAsAFailedAttempt() {
        String patient = create(newPatient("Guarded"));

        fhir().auth().oauth2(Tokens.of(io.restassured.RestAssured.port, Tokens.OBSERVATION_READER))
                .get("/Patient/" + patient).then().statusCode(403);

        List<AuditEvent> refused = eventually("entity=Patient/" + patient + "&outcome=4", 1);
        assertThat(refused).singleElement().satisfies(e -> {
            assertThat(e.getAction()).isEqualTo(AuditEvent.AuditEventAction.R);
            assertThat(e.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo(Tokens.OBSERVATION_READER);
        });
    }

    @Test
    void aRequestWithoutAValidTokenIsAuditedAsAFailedLogin() {
        String path = "/fhir/Patient/never-" + org.ketaminefhir.support.Fhir.uniqueValue().substring(0, 8);
        fhir().auth().none().get(path.substring("/fhir".length()) + "?name=Query-Not-Recorded").then().statusCode(401);
        fhir().auth().oauth2("not-a-jwt").get(path.substring("/fhir".length())).then().statusCode(401);

        List<AuditEvent> failed = eventually("entity-name=GET " + path, 2);
        assertThat(failed).hasSize(2).allSatisfy(e -> {
            assertThat(e.getType().getCode()).isEqualTo("110114");
            assertThat(e.getSubtypeFirstRep().getCode()).isEqualTo("110122");
            assertThat(e.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
            assertThat(e.getAgentFirstRep().getNetwork().getAddress()).isEqualTo("127.0.0.1");
            assertThat(e.getEntityFirstRep().getName()).isEqualTo("GET " + path);
        });
        assertThat(failed).extracting(AuditEvent::getOutcomeDesc).anySatisfy(d -> assertThat(d).startsWith(
                "No valid bearer token: Full authentication is required")).anySatisfy(d -> assertThat(d).startsWith(
                "No valid bearer token: An error occurred while attempting to decode the Jwt"));
    }

    @Test
    void clientsCannotRewriteTheAuditTrail() {
        AuditEvent forged = new AuditEvent();
        forged.getType().setSystem("http://terminology.hl7.org/CodeSystem/audit-event-type").setCode("rest");
        forged.setRecorded(new java.util.Date());
        forged.addAgent().setRequestor(true);
        forged.getSource().getObserver().setDisplay("forger");

        fhir().body(encode(forged)).post("/AuditEvent").then().statusCode(403);
    }

    @Test
    void theParametersTheTrailIsNotIndexedByAnswer400() {
        for (String parameter : new String[] {"entity-type=2", "entity-role=4", "address=127.0.0.1"}) {
            fhir().get("/AuditEvent?" + parameter).then().statusCode(400)
                    .body("resourceType", org.hamcrest.Matchers.equalTo("OperationOutcome"))
                    .body("issue[0].diagnostics", org.hamcrest.Matchers.containsString(
                            "Unknown search parameter \"" + parameter.substring(0, parameter.indexOf('=')) + "\""));
        }
        fhir().get("/AuditEvent?type=rest&subtype=create&action=C&outcome=0&_count=1").then().statusCode(200);
    }

    /** Reads and searches are audited by a background writer: wait (briefly) for at least {@code count} events. */
    private static List<AuditEvent> eventually(String query, int count) {
        return org.ketaminefhir.support.Poll.until(() -> events(query), events -> events.size() >= count,
                java.time.Duration.ofSeconds(30));
    }

    private static List<AuditEvent> events(String query) {
        return searchBundle(fhir().get("/AuditEvent?" + query + "&_count=100")).getEntry().stream()
                .map(e -> (AuditEvent) e.getResource())
                .toList();
    }
}
