package org.ketaminefhir.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaminefhir.support.Fhir.create;
import static org.ketaminefhir.support.Fhir.diagnostics;
import static org.ketaminefhir.support.Fhir.fhir;
import static org.ketaminefhir.support.Fhir.newPatient;
import static org.ketaminefhir.support.Fhir.parse;

import io.restassured.response.Response;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ketaminefhir.support.FhirServerTest;
import org.ketaminefhir.support.Observations;
import org.ketaminefhir.support.Sessions;

/** Courses in 2031, so the cohort of that year holds only this class's patients. */
@FhirServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutcomesIT {

    private String responder;
    private String nonResponder;

    @BeforeAll
    void twoCoursesFromAnEhrWithoutQuestionnaires() {
        responder = create(newPatient("Responder"));
        observe(responder, 23, "2031-01-05T10:00:00Z");
        observe(responder, 20, "2031-01-20T10:00:00Z");
        String first = session(responder, "2031-02-01T09:00:00Z");
        session(responder, "2031-02-03T09:00:00Z");
        administer(responder, first, 35);
        administer(responder, first, 40);
        observe(responder, 9, "2031-02-20T10:00:00Z");
        observe(responder, 4, "2031-03-20T10:00:00Z");
        create(Sessions.bloodPressure(responder, "Procedure/" + first, 190, 95, "2031-02-01T09:40:00Z", "dosing"));

        nonResponder = create(newPatient("NonResponder"));
        session(nonResponder, "2031-02-10T09:00:00Z");
        observe(nonResponder, 19, "2031-02-12T10:00:00Z");
        observe(nonResponder, 14, "2031-03-12T10:00:00Z");
    }

    @Test
    void aPatientsCourseFromScoresAnEhrPosted() {
        Parameters result = patientOutcomes(responder, "");

        ParametersParameterComponent phq9 = result.getParameter("instrumentResult");
        assertThat(part(phq9, "baseline")).isEqualTo("20");
        assertThat(part(phq9, "baselineDate")).isEqualTo("2031-01-20T10:00:00Z");
        assertThat(part(phq9, "latest")).isEqualTo("4");
        assertThat(part(phq9, "change")).isEqualTo("-16");
        assertThat(part(phq9, "percentChange")).isEqualTo("-80.0");
        assertThat(part(phq9, "response")).isEqualTo("true");
        assertThat(part(phq9, "remission")).isEqualTo("true");
        assertThat(phq9.getPart().stream().filter(p -> p.getName().equals("score"))).hasSize(4);
        assertThat(((org.hl7.fhir.r4.model.IntegerType) result.getParameter("sessions").getValue()).getValue()).isEqualTo(2);
        assertThat(((Quantity) result.getParameter("cumulativeDose").getValue()).getValue().intValue()).isEqualTo(75);
        assertThat(((org.hl7.fhir.r4.model.IntegerType) result.getParameter("safetyAlerts").getValue()).getValue()).isEqualTo(1);
        assertThat(result.getParameter("summary").getValue().primitiveValue()).isEqualTo(
                "PHQ-9: 20 → 4 (-80 %), response, remission. 2 ketamine session(s), 75 mg in total, 1 safety alert(s).");
    }

    @Test
    void theFirstScoreIsTheBaselineWhenNoneCameBeforeTheFirstSession() {
        ParametersParameterComponent phq9 = patientOutcomes(nonResponder, "").getParameter("instrumentResult");

        assertThat(part(phq9, "baseline")).isEqualTo("19");
        assertThat(part(phq9, "response")).isEqualTo("false");
        assertThat(part(phq9, "remission")).isEqualTo("false");
    }

    @Test
    void theCohortOfAPeriodWithResponseAndRemissionRates() {
        Response response = fhir().get("/$ketamine-outcomes?start=2031-01-01&end=2031-12-31&instrument=http://loinc.org|44261-6");

        response.then().statusCode(200);
        Parameters result = parse(response, Parameters.class);
        assertThat(result.getParameter("patientsTreated").getValue().primitiveValue()).isEqualTo("2");
        ParametersParameterComponent phq9 = result.getParameter("instrumentResult");
        assertThat(part(phq9, "patients")).isEqualTo("2");
        assertThat(part(phq9, "responders")).isEqualTo("1");
        assertThat(part(phq9, "remitters")).isEqualTo("1");
        assertThat(part(phq9, "responseRate")).isEqualTo("0.500");
        assertThat(result.getParameter("summary").getValue().primitiveValue())
                .isEqualTo("2 patient(s) treated from 2031-01-01 to 2031-12-31. PHQ-9: 1 of 2 responded, 1 in remission.");

        Parameters wholeYear = parse(fhir().get("/$ketamine-outcomes?start=2031&end=2031"), Parameters.class);
        assertThat(wholeYear.getParameter("patientsTreated").getValue().primitiveValue()).isEqualTo("2");
        Parameters january = parse(fhir().get("/$ketamine-outcomes?start=2031-01&end=2031-01"), Parameters.class);
        assertThat(january.getParameter("patientsTreated").getValue().primitiveValue()).isEqualTo("0");
    }

    @Test
    void badParametersAre400WithTheReason() {
        assertBadRequest(fhir().get("/$ketamine-outcomes?start=2031-12-31&end=2031-01-01"),
                "start 2031-12-31 is after end 2031-01-01");
        assertBadRequest(fhir().get("/Patient/" + responder + "/$ketamine-outcomes?instrument=http://loinc.org|8867-4"),
                "instrument http://loinc.org|8867-4 is not one of the outcome instruments");
        assertBadRequest(fhir().get("/Patient/" + responder + "/$ketamine-outcomes?start=2031-01-01"),
                "start and end select the cohort of the system-level $ketamine-outcomes");
        fhir().get("/$ketamine-outcomes?start=2031-13-45").then().statusCode(400);
        assertBadRequest(fhir().body("{\"resourceType\":\"Patient\"}").post("/$ketamine-outcomes"),
                "$ketamine-outcomes: a POST body must be a Parameters resource, not Patient");
        fhir().get("/Patient/no-such-patient/$ketamine-outcomes").then().statusCode(404);
    }

    private static void assertBadRequest(Response response, String reason) {
        response.then().statusCode(400);
        assertThat(diagnostics(response)).singleElement().asString().contains(reason);
    }

    private static Parameters patientOutcomes(String patient, String query) {
        Response response = fhir().get("/Patient/" + patient + "/$ketamine-outcomes" + query);
        response.then().statusCode(200);
        return parse(response, Parameters.class);
    }

    private static String part(ParametersParameterComponent parameter, String name) {
        return parameter.getPart().stream().filter(p -> p.getName().equals(name)).findFirst()
                .map(p -> p.getValue().primitiveValue()).orElse(null);
    }

    private static void observe(String patient, int score, String when) {
        create(Observations.phq9Total("Patient/" + patient, score, when));
    }

    private static String session(String patient, String start) {
        return create(Sessions.session(patient, start, start.replace("T09:00", "T09:40")));
    }

    private static void administer(String patient, String session, int mg) {
        MedicationAdministration administration = new MedicationAdministration();
        administration.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
        administration.setMedication(new CodeableConcept(new Coding("http://www.nlm.nih.gov/research/umls/rxnorm", "6130", "Ketamine")));
        administration.setSubject(new Reference("Patient/" + patient));
        administration.addPartOf(new Reference("Procedure/" + session));
        administration.setEffective(new org.hl7.fhir.r4.model.DateTimeType("2031-02-01T09:00:00Z"));
        administration.getDosage().setRoute(new CodeableConcept(new Coding("http://snomed.info/sct", "47625008", "Intravenous route")));
        administration.getDosage().setDose(new Quantity().setValue(mg).setUnit("mg").setSystem("http://unitsofmeasure.org").setCode("mg"));
        create(administration);
    }
}
