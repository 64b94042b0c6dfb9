package org.ketaminefhir.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaminefhir.support.Fhir.create;
import static org.ketaminefhir.support.Fhir.diagnostics;
import static org.ketaminefhir.support.Fhir.fhir;
import static org.ketaminefhir.support.Fhir.idFromLocation;
import static org.ketaminefhir.support.Fhir.newPatient;
import static org.ketaminefhir.support.Fhir.parse;
import static org.ketaminefhir.support.Fhir.searchBundle;

import io.restassured.response.Response;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RiskAssessment;
import org.junit.jupiter.api.Test;
import org.ketaminefhir.support.FhirServerTest;
import org.ketaminefhir.support.IntakeAnswers;
import org.ketaminefhir.support.Sessions;

@FhirServerTest
class EligibilityIT {

    @Test
    void anUnknownPatientIs404() {
        Response response = fhir().get("/Patient/no-such-patient/$ketamine-eligibility");

        response.then().statusCode(404);
        assertThat(diagnostics(response)).singleElement().asString().contains("Patient/no-such-patient");
    }

    @Test
    void aBodyThatIsNotParametersIs400() {
        String patient = create(newPatient("Posted wrong"));

        Response response = fhir().body("{\"resourceType\":\"Patient\"}").post("/Patient/" + patient + "/$ketamine-eligibility");

        response.then().statusCode(400);
        assertThat(diagnostics(response)).singleElement().asString()
                .isEqualTo("$ketamine-eligibility: a POST body must be a Parameters resource, not Patient");
    }

    @Test
    void withNoEvidenceTheOutcomeSaysSo() {
        String patient = create(newPatient("Unknown"));

        Parameters result = eligibility(patient);

        assertThat(outcome(result)).isEqualTo("insufficient-evidence");
        assertThat(result.getParameters("finding")).isEmpty();
        assertThat(storedOutcome(patient)).isEqualTo("insufficient-evidence");
    }

    @Test
    void aCleanIntakeIsEligibleByGetAndByPost() {
        String patient = create(newPatient("Clean"));
        postIntake(patient, "2026-02-20T09:00:00Z");

        assertThat(outcome(eligibility(patient))).isEqualTo("eligible");
        Response post = fhir().body("{\"resourceType\":\"Parameters\"}").post("/Patient/" + patient + "/$ketamine-eligibility");
        post.then().statusCode(200);
        assertThat(outcome(parse(post, Parameters.class))).isEqualTo("eligible");
    }

    @Test
    void ehrDataWithoutAQuestionnaireCountsWithItsEvidence() {
        String patient = create(newPatient("Synced"));
        String schizophrenia = create(condition(patient, "http://hl7.org/fhir/sid/icd-10-cm", "F20.9", "active"));
        create(condition(patient, "http://snomed.info/sct", "69322001", "active").setVerificationStatus(
                new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/condition-ver-status", "refuted", null))));
        String lorazepam = create(medication(patient, "6470"));
        String pressure = create(Sessions.bloodPressure(patient, null, 184, 96, "2026-02-19T09:00:00Z", "pre-dose"));

        Parameters result = eligibility(patient);

        assertThat(outcome(result)).isEqualTo("not-eligible");
        List<String> findings = result.getParameters("finding").stream()
                .map(f -> part(f, "rule") + "|" + part(f, "severity") + "|" + evidence(f))
                .toList();
        assertThat(findings).containsExactly(
                "psychosis|contraindication|Condition/" + schizophrenia,
                "uncontrolled-hypertension|contraindication|Observation/" + pressure,
                "benzodiazepine|caution|MedicationStatement/" + lorazepam,
                "no-intake-form|caution|null");
        assertThat(activeFlags(patient)).hasSize(2).allSatisfy(flag -> assertThat(flag.getCode().getText())
                .startsWith("Ketamine contraindication: "));
        RiskAssessment stored = parse(fhir().get("/" + reference(result)), RiskAssessment.class);
        assertThat(stored.getBasis()).extracting(Reference::getReference).containsExactly(
                "Condition/" + schizophrenia, "Observation/" + pressure, "MedicationStatement/" + lorazepam);

        fhir().delete("/Condition/" + schizophrenia).then().statusCode(200);
        assertThat(eligibility(patient).getParameters("finding")).noneMatch(f -> "psychosis".equals(part(f, "rule")));
        assertThat(activeFlags(patient)).hasSize(1);
    }

    @Test
    void storingAnIntakeFormReassessesAndLiftsFlagsOnceAnswersChange() {
        String patient = create(newPatient("Pregnant"));
        String intake = postIntake(patient, "2026-02-20T09:00:00Z", "pregnant-or-nursing");

        assertThat(storedOutcome(patient)).isEqualTo("not-eligible");
        assertThat(activeFlags(patient)).singleElement().satisfies(flag -> assertThat(flag.getCode().getText())
                .contains("pregnant or breastfeeding"));

        postIntake(patient, "2026-05-20T09:00:00Z");

        assertThat(storedOutcome(patient)).isEqualTo("eligible");
        assertThat(activeFlags(patient)).isEmpty();
        assertThat(intake).isNotBlank();
    }

    @Test
    void newEvidenceFromTheEhrReassessesAnAssessedPatient() {
        String patient = create(newPatient("Synced later"));
        postIntake(patient, "2026-02-20T09:00:00Z");
        assertThat(storedOutcome(patient)).isEqualTo("eligible");

        String pregnancy = create(condition(patient, "http://hl7.org/fhir/sid/icd-10-cm", "Z33.1", "active"));

        assertThat(storedOutcome(patient)).isEqualTo("not-eligible");
        assertThat(activeFlags(patient)).singleElement().satisfies(f -> assertThat(f.getCode().getText()).contains("Z33.1"));

        fhir().delete("/Condition/" + pregnancy).then().statusCode(200);

        assertThat(storedOutcome(patient)).isEqualTo("eligible");
        assertThat(activeFlags(patient)).isEmpty();
    }

    @Test
    void ehrDataAboutAPatientNeverAssessedTriggersNothing() {
        String patient = create(newPatient("Not a ketamine patient"));
        create(condition(patient, "http://hl7.org/fhir/sid/icd-10-cm", "F20.9", "active"));

        assertThat(searchBundle(fhir().get("/RiskAssessment?subject=Patient/" + patient)).getEntry()).isEmpty();
    }

    @Test
    void anUnchangedAssessmentIsNotRewritten() {
        String patient = create(newPatient("Stable"));
        postIntake(patient, "2026-02-20T09:00:00Z", "benzodiazepines");
        String version = storedAssessment(patient).getMeta().getVersionId();

        eligibility(patient);
        eligibility(patient);

        assertThat(storedAssessment(patient).getMeta().getVersionId()).isEqualTo(version);
    }

    @Test
    void aSurgeDuringASessionIsNotARestingBloodPressureAndContainedMedicationsCount() {
        String patient = create(newPatient("Resting"));
        postIntake(patient, "2026-02-20T09:00:00Z");
        String session = "Procedure/" + create(Sessions.session(patient, "2026-03-02T09:00:00Z", "2026-03-02T09:40:00Z"));
        create(Sessions.bloodPressure(patient, session, 200, 115, "2026-03-02T09:40:00Z", "dosing"));
        MedicationStatement statement = medication(patient, "unused");
        org.hl7.fhir.r4.model.Medication clonazepam = new org.hl7.fhir.r4.model.Medication();
        clonazepam.setId("med");
        clonazepam.setCode(new CodeableConcept(new Coding("http://www.nlm.nih.gov/research/umls/rxnorm", "2598", "Clonazepam")));
        statement.addContained(clonazepam);
        statement.setMedication(new Reference("#med"));
        create(statement);

        Parameters result = eligibility(patient);

        assertThat(outcome(result)).isEqualTo("eligible-with-cautions");
        assertThat(result.getParameters("finding")).extracting(f -> part(f, "rule")).containsExactly("benzodiazepine");
    }

    private static String postIntake(String patient, String authored, String... yes) {
        Response response = fhir().body(IntakeAnswers.response(patient, authored, yes)).post("/QuestionnaireResponse");
        response.then().statusCode(201);
        return idFromLocation(response.header("Location"));
    }

    private static Parameters eligibility(String patient) {
        Response response = fhir().get("/Patient/" + patient + "/$ketamine-eligibility");
        response.then().statusCode(200);
        return parse(response, Parameters.class);
    }

    private static String outcome(Parameters result) {
        return ((Coding) result.getParameter("outcome").getValue()).getCode();
    }

    private static String reference(Parameters result) {
        return ((Reference) result.getParameter("assessment").getValue()).getReference();
    }

    private static String part(Parameters.ParametersParameterComponent finding, String name) {
        return finding.getPart().stream().filter(p -> p.getName().equals(name)).findFirst()
                .map(p -> p.getValue().primitiveValue()).orElse(null);
    }

    private static String evidence(Parameters.ParametersParameterComponent finding) {
        return finding.getPart().stream().filter(p -> p.getName().equals("evidence")).findFirst()
                .map(p -> ((Reference) p.getValue()).getReference()).orElse("null");
    }

    private static RiskAssessment storedAssessment(String patient) {
        return (RiskAssessment) searchBundle(fhir().get("/RiskAssessment?subject=Patient/" + patient))
                .getEntryFirstRep().getResource();
    }

    private static String storedOutcome(String patient) {
        return storedAssessment(patient).getPredictionFirstRep().getOutcome().getCodingFirstRep().getCode();
    }

    private static List<Flag> activeFlags(String patient) {
        return searchBundle(fhir().get("/Flag?patient=" + patient)).getEntry().stream()
                .map(e -> (Flag) e.getResource())
                .filter(flag -> flag.getStatus() == Flag.FlagStatus.ACTIVE)
                .toList();
    }

    private static Condition condition(String patient, String system, String code, String clinicalStatus) {
        Condition condition = new Condition();
        condition.setSubject(new Reference("Patient/" + patient));
        condition.setCode(new CodeableConcept(new Coding(system, code, null)));
        condition.setClinicalStatus(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/condition-clinical", clinicalStatus, null)));
        return condition;
    }

    private static MedicationStatement medication(String patient, String rxnorm) {
        MedicationStatement statement = new MedicationStatement();
        statement.setStatus(MedicationStatement.MedicationStatementStatus.ACTIVE);
        statement.setSubject(new Reference("Patient/" + patient));
        statement.setMedication(new CodeableConcept(new Coding("http://www.nlm.nih.gov/research/umls/rxnorm", rxnorm, null)));
        return statement;
    }
}
