package org.ketaminefhir.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaminefhir.support.Fhir.diagnostics;
import static org.ketaminefhir.support.Fhir.fhir;
import static org.ketaminefhir.support.Fhir.idFromLocation;
import static org.ketaminefhir.support.Fhir.uniqueValue;

import io.restassured.response.Response;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ketaminefhir.support.FhirServerTest;
import org.ketaminefhir.support.IntakeAnswers;

/**
 * For each profile of the guide: a conforming instance is stored, and a variant that breaks one rule is refused with
 * 422 and a message naming the element and the rule. Ordinary FHIR data that the guide does not govern is stored as
 * it comes.
 */
@FhirServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProfileEnforcementIT {

    private static final String BASE = KetamineIg.CANONICAL_BASE;
    private static final String OWN = BASE + "/CodeSystem/ketamine-concepts";
    private String patientId;
    private String sessionId;

    @BeforeAll
    void storePatientAndSession() {
        patientId = create("Patient", patient(true));
        sessionId = create("Procedure", session(true));
    }

    private static String create(String type, String json) {
        Response response = fhir().body(json).post("/" + type);
        response.then().statusCode(201);
        return idFromLocation(response.header("Location"));
    }

    private static String patient(boolean valid) {
        return "{\"resourceType\":\"Patient\",\"meta\":{\"profile\":[\"" + BASE + "/StructureDefinition/ketamine-patient\"]},"
                + (valid ? "\"identifier\":[{\"system\":\"urn:ketamine-fhir:test\",\"value\":\"" + uniqueValue() + "\"}]," : "")
                + "\"name\":[{\"family\":\"Profiled\"}],\"gender\":\"female\",\"birthDate\":\"1984-05-06\"}";
    }

    private String session(boolean valid) {
        return "{\"resourceType\":\"Procedure\",\"status\":\"completed\","
                + "\"code\":{\"coding\":[{\"system\":\"" + OWN + "\",\"code\":\"ketamine-session\"}]},"
                + "\"subject\":{\"reference\":\"Patient/" + patientId + "\"},"
                + "\"performedPeriod\":{\"start\":\"2026-03-02T10:00:00Z\",\"end\":\"2026-03-02T10:40:00Z\"}"
                + (valid ? ",\"reasonCode\":[{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"1153570009\"}]}]" : "")
                + "}";
    }

    private String administration(String route, String doseUnit) {
        return "{\"resourceType\":\"MedicationAdministration\",\"status\":\"completed\","
                + "\"medicationCodeableConcept\":{\"coding\":[{\"system\":\"http://www.nlm.nih.gov/research/umls/rxnorm\",\"code\":\"6130\"}]},"
                + "\"subject\":{\"reference\":\"Patient/" + patientId + "\"},"
                + "\"partOf\":[{\"reference\":\"Procedure/" + sessionId + "\"}],"
                + "\"effectivePeriod\":{\"start\":\"2026-03-02T10:00:00Z\",\"end\":\"2026-03-02T10:40:00Z\"},"
                + "\"dosage\":{\"extension\":[{\"url\":\"" + BASE + "/StructureDefinition/ketamine-dose-per-kg\","
                + "\"valueQuantity\":{\"value\":0.5,\"unit\":\"mg/kg\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"mg/kg\"}}],"
                + "\"route\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"" + route + "\"}]},"
                + "\"dose\":{\"value\":35,\"unit\":\"" + doseUnit + "\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"" + doseUnit + "\"}}}";
    }

    private String heartRate(boolean partOfSession) {
        String vital = vital("ketamine-heart-rate", "8867-4", "88", "beats/minute", "/min", "dosing");
        return partOfSession ? vital : vital.replace("\"partOf\":[{\"reference\":\"Procedure/" + sessionId + "\"}],", "");
    }

    private String vital(String profile, String loinc, String value, String unit, String ucum, String phaseCode) {
        return "{\"resourceType\":\"Observation\",\"meta\":{\"profile\":[\"" + BASE + "/StructureDefinition/" + profile + "\"]},"
                + "\"extension\":[{\"url\":\"" + BASE + "/StructureDefinition/ketamine-session-phase\",\"valueCoding\":{\"system\":\""
                + BASE + "/CodeSystem/ketamine-session-phase\",\"code\":\"" + phaseCode + "\"}}],"
                + "\"status\":\"final\",\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"vital-signs\"}]}],"
                + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"" + loinc + "\"}]},"
                + "\"subject\":{\"reference\":\"Patient/" + patientId + "\"},\"effectiveDateTime\":\"2026-03-02T10:00:00Z\","
                + "\"partOf\":[{\"reference\":\"Procedure/" + sessionId + "\"}],"
                + "\"valueQuantity\":{\"value\":" + value + ",\"unit\":\"" + unit + "\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"" + ucum + "\"}}";
    }

    private String bloodPressure(boolean withDiastolic) {
        return "{\"resourceType\":\"Observation\",\"meta\":{\"profile\":[\"" + BASE + "/StructureDefinition/ketamine-blood-pressure\"]},"
                + "\"status\":\"final\",\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"vital-signs\"}]}],"
                + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"85354-9\"}]},"
                + "\"subject\":{\"reference\":\"Patient/" + patientId + "\"},\"effectiveDateTime\":\"2026-03-02T10:10:00Z\","
                + "\"partOf\":[{\"reference\":\"Procedure/" + sessionId + "\"}],\"component\":["
                + "{\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8480-6\"}]},\"valueQuantity\":{\"value\":150,\"unit\":\"mmHg\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"mm[Hg]\"}}"
                + (withDiastolic ? ",{\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8462-4\"}]},\"valueQuantity\":{\"value\":92,\"unit\":\"mmHg\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"mm[Hg]\"}}" : "")
                + "]}";
    }

    private String score(String code, int value) {
        return "{\"resourceType\":\"Observation\",\"status\":\"final\","
                + "\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"survey\"}]}],"
                + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"" + code + "\"}]},"
                + "\"subject\":{\"reference\":\"Patient/" + patientId + "\"},\"effectiveDateTime\":\"2026-03-01T09:00:00Z\","
                + "\"valueInteger\":" + value + "}";
    }

    private String intakeResponse(boolean withAuthored) {
        return "{\"resourceType\":\"QuestionnaireResponse\",\"status\":\"completed\","
                + "\"questionnaire\":\"" + BASE + "/Questionnaire/ketamine-intake\","
                + "\"subject\":{\"reference\":\"Patient/" + patientId + "\"}"
                + (withAuthored ? ",\"authored\":\"2026-02-20T09:00:00Z\"" : "")
                + ",\"item\":" + IntakeAnswers.allNo() + "}";
    }

    private String eligibility(boolean withPrediction) {
        return "{\"resourceType\":\"RiskAssessment\",\"status\":\"final\","
                + "\"code\":{\"coding\":[{\"system\":\"" + OWN + "\",\"code\":\"eligibility-assessment\"}]},"
                + "\"subject\":{\"reference\":\"Patient/" + patientId + "\"},\"occurrenceDateTime\":\"2026-02-21T09:00:00Z\""
                + (withPrediction ? ",\"prediction\":[{\"outcome\":{\"coding\":[{\"system\":\"" + BASE
                        + "/CodeSystem/ketamine-eligibility-outcome\",\"code\":\"eligible\"}]}}]" : "")
                + "}";
    }

    private String alert(boolean withImplicated) {
        return "{\"resourceType\":\"DetectedIssue\",\"status\":\"final\","
                + "\"code\":{\"coding\":[{\"system\":\"" + BASE + "/CodeSystem/ketamine-safety-alert-type\",\"code\":\"bp-rise-from-baseline\"}]},"
                + "\"severity\":\"high\",\"patient\":{\"reference\":\"Patient/" + patientId + "\"},"
                + "\"identifiedDateTime\":\"2026-03-02T10:40:00Z\",\"detail\":\"Systolic 172 mmHg, 44 above the pre-dose baseline\""
                + (withImplicated ? ",\"implicated\":[{\"reference\":\"Procedure/" + sessionId + "\"}]" : "")
                + "}";
    }

    Stream<Arguments> profiles() {
        return Stream.of(
                Arguments.of("ketamine-patient", "Patient", patient(true), patient(false),
                        "Patient.identifier: minimum required = 1, but only found 0"),
                Arguments.of("ketamine-session", "Procedure", session(true), session(false),
                        "Procedure.reasonCode: minimum required = 1, but only found 0"),
                Arguments.of("ketamine-administration", "MedicationAdministration",
                        administration("47625008", "mg"), administration("47625008", "mL"),
                        "MedicationAdministration.dosage.dose"),
                Arguments.of("ketamine-administration (route)", "MedicationAdministration",
                        administration("46713006", "mg"), administration("14152002", "mg"),
                        "https://ketamine-fhir.org/ig/ValueSet/ketamine-routes"),
                Arguments.of("ketamine-heart-rate", "Observation", heartRate(true), heartRate(false),
                        "Observation.partOf: minimum required = 1, but only found 0"),
                Arguments.of("ketamine-oxygen-saturation", "Observation",
                        vital("ketamine-oxygen-saturation", "2708-6", "97", "%", "%", "pre-dose"),
                        vital("ketamine-oxygen-saturation", "2708-6", "0.97", "ratio", "1", "pre-dose"),
                        "Value is '1' but is fixed to '%' in the profile " + BASE + "/StructureDefinition/ketamine-oxygen-saturation"),
                Arguments.of("ketamine-respiratory-rate", "Observation",
                        vital("ketamine-respiratory-rate", "9279-1", "14", "breaths/minute", "/min", "dosing"),
                        vital("ketamine-respiratory-rate", "8867-4", "14", "breaths/minute", "/min", "dosing"),
                        "Observation.code"),
                Arguments.of("ketamine-session-phase (extension)", "Observation",
                        vital("ketamine-heart-rate", "8867-4", "70", "beats/minute", "/min", "discharge"),
                        vital("ketamine-heart-rate", "8867-4", "70", "beats/minute", "/min", "lunch-break"),
                        "https://ketamine-fhir.org/ig/ValueSet/ketamine-session-phases"),
                Arguments.of("ketamine-dose-per-kg (extension)", "MedicationAdministration",
                        administration("47625008", "mg"),
                        administration("47625008", "mg").replace("\"value\":0.5,\"unit\":\"mg/kg\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"mg/kg\"",
                                "\"value\":35,\"unit\":\"mg\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"mg\""),
                        "Value is 'mg' but is fixed to 'mg/kg' in the profile " + BASE + "/StructureDefinition/ketamine-dose-per-kg"),
                Arguments.of("ketamine-blood-pressure", "Observation", bloodPressure(true), bloodPressure(false),
                        "Slice 'Observation.component:DiastolicBP': a matching slice is required, but not found"),
                Arguments.of("ketamine-outcome-score", "Observation", score("44261-6", 27), score("44261-6", 28),
                        "Constraint failed: ket-score-1: 'A PHQ-9 total score is between 0 and 27'"),
                Arguments.of("ketamine-outcome-score (GAD-7)", "Observation", score("70274-6", 21), score("70274-6", 22),
                        "Constraint failed: ket-score-2: 'A GAD-7 total score is between 0 and 21'"),
                Arguments.of("ketamine-intake-response", "QuestionnaireResponse", intakeResponse(true), intakeResponse(false),
                        "QuestionnaireResponse.authored: minimum required = 1, but only found 0"),
                Arguments.of("ketamine-eligibility-assessment", "RiskAssessment", eligibility(true), eligibility(false),
                        "RiskAssessment.prediction: minimum required = 1, but only found 0"),
                Arguments.of("ketamine-safety-alert", "DetectedIssue", alert(true), alert(false),
                        "DetectedIssue.implicated: minimum required = 1, but only found 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void conformingInstanceIsStoredAndABrokenVariantIsRefused(
            String profile, String type, String valid, String invalid, String expectedMessage) {
        fhir().body(valid).post("/" + type).then().statusCode(201);

        Response refused = fhir().body(invalid).post("/" + type);

        refused.then().statusCode(422);
        assertThat(diagnostics(refused)).anySatisfy(d -> assertThat(d).contains(expectedMessage));
    }

    @Test
    void aTransactionIsValidatedInOneCallAndABrokenEntryIsNamedByItsIndex() {
        String sessionUrn = "urn:uuid:" + java.util.UUID.randomUUID();
        String administration = administration("14152002", "mg").replace("Procedure/" + sessionId, sessionUrn);
        String marker = uniqueValue();
        String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":["
                + "{\"fullUrl\":\"" + sessionUrn + "\",\"resource\":" + session(true).replace(
                        "\"status\":\"completed\",", "\"status\":\"completed\",\"identifier\":[{\"system\":\"urn:ketamine-fhir:test\",\"value\":\"" + marker + "\"}],")
                + ",\"request\":{\"method\":\"POST\",\"url\":\"Procedure\"}},"
                + "{\"fullUrl\":\"urn:uuid:" + java.util.UUID.randomUUID() + "\",\"resource\":" + administration
                + ",\"request\":{\"method\":\"POST\",\"url\":\"MedicationAdministration\"}}]}";

        Response refused = fhir().body(bundle).post("/");

        refused.then().statusCode(422);
        org.hl7.fhir.r4.model.OperationOutcome outcome =
                org.ketaminefhir.support.Fhir.parse(refused, org.hl7.fhir.r4.model.OperationOutcome.class);
        assertThat(outcome.getIssue()).hasSize(1);
        assertThat(outcome.getIssueFirstRep().getDiagnostics())
                .contains("https://ketamine-fhir.org/ig/ValueSet/ketamine-routes");
        assertThat(outcome.getIssueFirstRep().getExpression().get(0).getValue())
                .isEqualTo("Bundle.entry[1].resource.dosage.route");
        assertThat(org.ketaminefhir.support.Fhir.searchBundle(
                                fhir().get("/Procedure?identifier=urn:ketamine-fhir:test|" + marker))
                        .getEntry())
                .isEmpty();

        Response stored = fhir().body(bundle.replace("14152002", "47625008")).post("/");
        stored.then().statusCode(200);
    }

    @Test
    void aWholeSyntheaStyleRecordLoads() throws Exception {
        String record = new org.springframework.core.io.ClassPathResource("ehr/synthetic-ehr-record.json")
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);

        Response response = fhir().body(record).post("/");

        response.then().statusCode(200);
        assertThat(org.ketaminefhir.support.Fhir.parse(response, org.hl7.fhir.r4.model.Bundle.class).getEntry())
                .hasSize(9)
                .allSatisfy(e -> assertThat(e.getResponse().getStatus()).isEqualTo("201 Created"));
    }

    @Test
    void ordinaryEhrDataWithoutTheGuidesCodesIsNotHeldToItsProfiles() {
        String observation = "{\"resourceType\":\"Observation\",\"status\":\"final\","
                + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8867-4\"}]},"
                + "\"subject\":{\"reference\":\"Patient/" + patientId + "\"},\"valueQuantity\":{\"value\":80}}";
        String procedure = "{\"resourceType\":\"Procedure\",\"status\":\"completed\","
                + "\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"14152002\"}]},"
                + "\"subject\":{\"reference\":\"Patient/" + patientId + "\"}}";

        fhir().body(observation).post("/Observation").then().statusCode(201);
        fhir().body(procedure).post("/Procedure").then().statusCode(201);
    }
}
