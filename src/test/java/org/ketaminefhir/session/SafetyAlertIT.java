package org.ketaminefhir.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaminefhir.support.Fhir.create;
import static org.ketaminefhir.support.Fhir.encode;
import static org.ketaminefhir.support.Fhir.fhir;
import static org.ketaminefhir.support.Fhir.newPatient;
import static org.ketaminefhir.support.Fhir.searchBundle;

import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.ketaminefhir.derived.DerivedResources;
import org.ketaminefhir.support.FhirServerTest;
import org.ketaminefhir.support.Sessions;

@FhirServerTest
class SafetyAlertIT {

    private static final String START = "2026-03-02T09:00:00Z";

    @Test
    void aBloodPressureSurgeInATransactionRaisesAlertsInTheSameCommit() {
        String patient = create(newPatient("Surge"));
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        String session = "urn:uuid:0b7f3a8e-5f7e-4d0e-9a51-6f3c1d2e0001";
        add(bundle, session, Sessions.session(patient, START, "2026-03-02T09:40:00Z"), "Procedure");
        add(bundle, null, Sessions.bloodPressure(patient, session, 170, 106, "2026-03-02T09:40:00Z", "dosing"), "Observation");
        add(bundle, null, Sessions.bloodPressure(patient, session, 124, 78, START, "pre-dose"), "Observation");

        Bundle result = org.ketaminefhir.support.Fhir.parse(
                fhir().body(encode(bundle)).post("/").then().statusCode(200).extract().response(), Bundle.class);
        String sessionId = org.ketaminefhir.support.Fhir.idFromLocation(result.getEntry().get(0).getResponse().getLocation());
        String surgeId = org.ketaminefhir.support.Fhir.idFromLocation(result.getEntry().get(1).getResponse().getLocation());

        List<DetectedIssue> alerts = alerts(patient);
        assertThat(alerts).extracting(a -> a.getCode().getCodingFirstRep().getCode())
                .containsExactlyInAnyOrder("bp-above-limit", "bp-rise-from-baseline");
        DetectedIssue rise = byCode(alerts, "bp-rise-from-baseline");
        assertThat(rise.getSeverity()).isEqualTo(DetectedIssue.DetectedIssueSeverity.MODERATE);
        assertThat(rise.getPatient().getReference()).isEqualTo("Patient/" + patient);
        assertThat(rise.getImplicated()).extracting(Reference::getReference)
                .containsExactly("Procedure/" + sessionId, "Observation/" + surgeId);
        assertThat(rise.getDetail()).isEqualTo("Blood pressure 170/106 mm[Hg] is +46/+28 mm[Hg] from the pre-dose"
                + " baseline 124/78 mm[Hg] (alert at a rise of 40 systolic or 25 diastolic) during the ketamine session.");
        assertThat(rise.getIdentifiedDateTimeType().getValueAsString()).isEqualTo("2026-03-02T09:40:00Z");
        assertThat(byCode(alerts, "bp-above-limit").getSeverity()).isEqualTo(DetectedIssue.DetectedIssueSeverity.HIGH);
        org.hl7.fhir.r4.model.Provenance provenance = (org.hl7.fhir.r4.model.Provenance) searchBundle(
                        fhir().get("/Provenance?target=DetectedIssue/" + rise.getIdElement().getIdPart()))
                .getEntryFirstRep().getResource();
        assertThat(provenance.getEntity()).extracting(e -> e.getWhat().getReference())
                .containsExactly("Procedure/" + sessionId, "Observation/" + surgeId);
    }

    @Test
    void normalReadingsRaiseNothing() {
        Course course = course("Calm");
        String patient = course.patient();
        String session = course.session();
        create(Sessions.bloodPressure(patient, session, 122, 76, START, "pre-dose"));
        create(Sessions.bloodPressure(patient, session, 150, 90, "2026-03-02T09:40:00Z", "dosing"));
        create(Sessions.reading(patient, session, "8867-4", "Heart rate", 96, "/min", "2026-03-02T09:40:00Z", "dosing"));
        create(Sessions.reading(patient, session, "2708-6", "Oxygen saturation", 95, "%", "2026-03-02T09:40:00Z", "dosing"));

        assertThat(alerts(patient)).isEmpty();
    }

    @Test
    void aRepeatedHighValueJoinsTheAlertInsteadOfDuplicatingIt() {
        Course course = course("Persisting");
        String patient = course.patient();
        String session = course.session();
        Observation high = Sessions.reading(patient, session, "2708-6", "Oxygen saturation", 89, "%", "2026-03-02T09:20:00Z", "dosing");
        String first = create(high);
        String second = create(high);

        List<DetectedIssue> alerts = alerts(patient);
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).getCode().getCodingFirstRep().getCode()).isEqualTo("low-oxygen-saturation");
        assertThat(alerts.get(0).getSeverity()).isEqualTo(DetectedIssue.DetectedIssueSeverity.HIGH);
        assertThat(alerts.get(0).getImplicated()).extracting(Reference::getReference)
                .containsExactlyInAnyOrder(session, "Observation/" + first, "Observation/" + second);
        assertThat(alerts.get(0).getDetail()).isEqualTo("Oxygen saturation 89 % is below 92 % during the ketamine session;"
                + " 1 later reading(s) also crossed the threshold.");
    }

    @Test
    void readingsPostedInParallelAllLandAndShareOneAlert() throws Exception {
        Course course = course("Parallel");
        String patient = course.patient();
        String session = course.session();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String body = encode(Sessions.reading(patient, session, "2708-6", "Oxygen saturation", 80 + i, "%",
                    "2026-03-02T09:2" + i + ":00Z", "dosing"));
            statuses.add(pool.submit(() -> fhir().body(body).post("/Observation").statusCode()));
        }
        pool.shutdown();
        for (java.util.concurrent.Future<Integer> status : statuses) {
            assertThat(status.get()).isEqualTo(201);
        }

        List<DetectedIssue> alerts = alerts(patient);
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).getImplicated()).hasSize(9);
    }

    @Test
    void aCorrectedValueWithdrawsTheAlert() {
        Course course = course("Corrected");
        String patient = course.patient();
        String session = course.session();
        Observation typo = Sessions.reading(patient, session, "8867-4", "Heart rate", 190, "/min", "2026-03-02T09:20:00Z", "dosing");
        String id = create(typo);
        assertThat(alerts(patient)).hasSize(1);

        typo.setId(id);
        typo.setValue(typo.getValueQuantity().setValue(90));
        fhir().body(encode(typo)).put("/Observation/" + id).then().statusCode(200);

        List<DetectedIssue> alerts = alerts(patient);
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).getStatus()).isEqualTo(DetectedIssue.DetectedIssueStatus.ENTEREDINERROR);
    }

    @Test
    void deletingTheOnlyAlertedReadingWithdrawsTheAlertAndIsAllowed() {
        Course course = course("DeletedReading");
        String patient = course.patient();
        String session = course.session();
        String id = create(Sessions.reading(patient, session, "9279-1", "Respiratory rate", 6, "/min", "2026-03-02T09:20:00Z", "dosing"));
        assertThat(alerts(patient)).singleElement().satisfies(a -> assertThat(a.getStatus())
                .isEqualTo(DetectedIssue.DetectedIssueStatus.FINAL));

        fhir().delete("/Observation/" + id).then().statusCode(200);

        DetectedIssue withdrawn = alerts(patient).get(0);
        assertThat(withdrawn.getStatus()).isEqualTo(DetectedIssue.DetectedIssueStatus.ENTEREDINERROR);
        assertThat(withdrawn.getImplicated()).extracting(Reference::getReference).containsExactly(session);
    }

    @Test
    void aBaselineArrivingAfterTheReadingStillCounts() {
        Course course = course("Late");
        String patient = course.patient();
        String session = course.session();
        create(Sessions.bloodPressure(patient, session, 165, 90, "2026-03-02T09:40:00Z", "dosing"));
        assertThat(alerts(patient)).isEmpty();

        create(Sessions.bloodPressure(patient, session, 120, 80, START, "pre-dose"));

        assertThat(alerts(patient)).extracting(a -> a.getCode().getCodingFirstRep().getCode())
                .containsExactly("bp-rise-from-baseline");
    }

    @Test
    void readingsLinkedThroughTheAdministrationAndTimedByAPeriodAreAlertedOn() {
        Course course = course("ViaAdministration");
        String patient = course.patient();
        String session = course.session();
        MedicationAdministration administration = new MedicationAdministration();
        administration.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
        administration.setMedication(new CodeableConcept(new Coding("http://www.nlm.nih.gov/research/umls/rxnorm", "6130", "Ketamine")));
        administration.setSubject(new Reference("Patient/" + patient));
        administration.addPartOf(new Reference(session));
        administration.setEffective(new DateTimeType(START));
        administration.getDosage().setRoute(new CodeableConcept(new Coding("http://snomed.info/sct", "47625008", null)));
        administration.getDosage().setDose(new Quantity().setValue(35).setUnit("mg").setSystem("http://unitsofmeasure.org").setCode("mg"));
        String given = "MedicationAdministration/" + create(administration);
        create(Sessions.bloodPressure(patient, given, 120, 80, START, "pre-dose"));
        Observation surge = Sessions.bloodPressure(patient, given, 166, 90, "2026-03-02T09:40:00Z", "dosing");
        surge.setEffective(new Period().setStartElement(new DateTimeType("2026-03-02T09:40:00Z")));

        create(surge);

        DetectedIssue rise = byCode(alerts(patient), "bp-rise-from-baseline");
        assertThat(rise.getImplicated().get(0).getReference()).isEqualTo(session);
        assertThat(rise.getIdentifiedDateTimeType().getValueAsString()).isEqualTo("2026-03-02T09:40:00Z");
        assertThat(rise.getMeta().getTag(DerivedResources.TAG_SYSTEM, DerivedResources.TAG_CODE)).isNotNull();
    }

    @Test
    void anObservationWithAnIncompleteCodingIsStillStored() {
        String patient = create(newPatient("NoCode"));
        Observation odd = Sessions.reading(patient, null, "8867-4", "Heart rate", 80, "/min", START, "dosing");
        odd.getCode().getCodingFirstRep().setCode(null);
        odd.getCode().setText("Heart rate (device)");

        assertThat(create(odd)).isNotBlank();
    }

    @Test
    void readingsOutsideAKetamineSessionAreNotAlertedOn() {
        String patient = create(newPatient("Clinic"));
        create(Sessions.bloodPressure(patient, null, 200, 120, START, "dosing"));

        assertThat(alerts(patient)).isEmpty();
    }

    /** A patient and a ketamine session of theirs starting at {@link #START}. */
    private record Course(String patient, String session) {}

    private static Course course(String family) {
        String patient = create(newPatient(family));
        return new Course(patient, "Procedure/" + create(Sessions.session(patient, START, "2026-03-02T09:40:00Z")));
    }

    private static void add(Bundle bundle, String fullUrl, org.hl7.fhir.r4.model.Resource resource, String type) {
        bundle.addEntry().setFullUrl(fullUrl).setResource(resource).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl(type);
    }

    private static List<DetectedIssue> alerts(String patient) {
        return searchBundle(fhir().get("/DetectedIssue?patient=" + patient)).getEntry().stream()
                .map(e -> (DetectedIssue) e.getResource())
                .toList();
    }

    private static DetectedIssue byCode(List<DetectedIssue> alerts, String code) {
        return alerts.stream().filter(a -> a.getCode().getCodingFirstRep().getCode().equals(code)).findFirst().orElseThrow();
    }
}
