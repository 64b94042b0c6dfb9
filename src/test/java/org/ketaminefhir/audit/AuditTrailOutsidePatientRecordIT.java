package org.ketaminefhir.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaminefhir.support.Fhir.create;
import static org.ketaminefhir.support.Fhir.diagnostics;
import static org.ketaminefhir.support.Fhir.fhir;
import static org.ketaminefhir.support.Fhir.newPatient;
import static org.ketaminefhir.support.Fhir.searchBundle;

import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.ketaminefhir.support.FhirServerTest;
import org.ketaminefhir.support.Observations;
import org.ketaminefhir.support.Poll;

@FhirServerTest
class AuditTrailOutsidePatientRecordIT {

    @Test
    void everyPageHoldsTheRecordAndNoneOfTheAuditTrail() {
        Record record = recordWithAuditTrail("Paged");

        List<Bundle> pages = allPages("/Patient/" + record.patient + "/$everything?_count=2");

        assertThat(pages).hasSize(3);
        assertThat(pages).allSatisfy(page -> {
            assertThat(page.getEntry()).hasSize(2);
            assertThat(page.getTotal()).isEqualTo(6);
        });
        assertThat(pages).flatExtracting(AuditTrailOutsidePatientRecordIT::ids)
                .containsExactlyInAnyOrderElementsOf(record.resources());
    }

    @Test
    void aRequestedTypeListIsKept() {
        Record record = recordWithAuditTrail("Typed");

        Bundle everything = searchBundle(fhir().get("/Patient/" + record.patient + "/$everything?_type=Observation"));

        assertThat(ids(everything)).containsExactlyInAnyOrder(
                "Patient/" + record.patient, "Observation/" + record.observations.get(0),
                "Observation/" + record.observations.get(1));
    }

    @Test
    void askingEverythingForTheAuditTrailIsRefused() {
        String patient = create(newPatient("Refused"));

        Response response = fhir().get("/Patient/" + patient + "/$everything?_type=Observation,AuditEvent");

        response.then().statusCode(400);
        assertThat(diagnostics(response)).containsExactly("$everything does not return AuditEvents: the audit trail"
                + " is not part of the patient's record. Search AuditEvent?patient=Patient/[id] for it.");
    }

    /**
     * A patient with a general practitioner, a condition asserted by another practitioner, two heart rates, and at
     * least five audit events naming them (one per read).
     */
    private static Record recordWithAuditTrail(String family) {
        String gp = create(new Practitioner().addName(new HumanName().setFamily("Gp")));
        String asserter = create(new Practitioner().addName(new HumanName().setFamily("Asserter")));
        Patient patient = newPatient(family);
        patient.addGeneralPractitioner(new Reference("Practitioner/" + gp));
        String patientId = create(patient);
        Condition condition = new Condition()
                .setClinicalStatus(new CodeableConcept().addCoding(new Coding(
                        "http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null)))
                .setCode(new CodeableConcept().setText("Treatment-resistant depression"))
                .setSubject(new Reference("Patient/" + patientId))
                .setAsserter(new Reference("Practitioner/" + asserter));
        String conditionId = create(condition);
        List<String> observations = List.of(
                create(Observations.heartRate("Patient/" + patientId, 70)),
                create(Observations.heartRate("Patient/" + patientId, 74)));
        for (int i = 0; i < 5; i++) {
            fhir().get("/Patient/" + patientId).then().statusCode(200);
        }
        Poll.until(() -> searchBundle(fhir().get("/AuditEvent?patient=Patient/" + patientId + "&_summary=count"))
                .getTotal(), total -> total >= 5, Duration.ofSeconds(30));
        return new Record(patientId, gp, asserter, conditionId, observations);
    }

    private record Record(String patient, String gp, String asserter, String condition, List<String> observations) {
        List<String> resources() {
            List<String> all = new ArrayList<>(List.of("Patient/" + patient, "Practitioner/" + gp,
                    "Practitioner/" + asserter, "Condition/" + condition));
            observations.forEach(id -> all.add("Observation/" + id));
            return all;
        }
    }

    private static List<Bundle> allPages(String firstPage) {
        List<Bundle> pages = new ArrayList<>();
        Bundle page = searchBundle(fhir().get(firstPage));
        pages.add(page);
        while (page.getLink(Bundle.LINK_NEXT) != null) {
            page = searchBundle(fhir().get(page.getLink(Bundle.LINK_NEXT).getUrl()));
            pages.add(page);
        }
        return pages;
    }

    private static List<String> ids(Bundle bundle) {
        return bundle.getEntry().stream()
                .map(e -> e.getResource().getIdElement().toUnqualifiedVersionless().getValue())
                .toList();
    }
}
