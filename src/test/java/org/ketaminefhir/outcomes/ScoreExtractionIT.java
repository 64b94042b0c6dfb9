package org.ketaminefhir.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaminefhir.support.Fhir.create;
import static org.ketaminefhir.support.Fhir.encode;
import static org.ketaminefhir.support.Fhir.fhir;
import static org.ketaminefhir.support.Fhir.newPatient;
import static org.ketaminefhir.support.Fhir.parse;
import static org.ketaminefhir.support.Fhir.searchBundle;

import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.Test;
import org.ketaminefhir.support.FhirServerTest;
import org.ketaminefhir.support.Forms;

@FhirServerTest
class ScoreExtractionIT {

    private static final String INTERPRETATION = "https://ketamine-fhir.org/ig/CodeSystem/ketamine-score-interpretation";

    @Test
    void aStoredPhq9GetsItsTotalWithBandAndItemObservations() {
        String patient = create(newPatient("Scored"));
        String response = create(Forms.phq9(patient, 3, 3, 2, 2, 3, 2, 2, 2, 2));

        List<Observation> derived = derivedFrom(response);

        Observation total = byCode(derived, "44261-6");
        assertThat(total.getValueQuantity().getValue().intValue()).isEqualTo(21);
        assertThat(total.getValueQuantity().getCode()).isEqualTo("{score}");
        assertThat(total.getInterpretationFirstRep().getCodingFirstRep().getSystem()).isEqualTo(INTERPRETATION);
        assertThat(total.getInterpretationFirstRep().getCodingFirstRep().getCode()).isEqualTo("severe");
        assertThat(total.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("survey");
        assertThat(total.getSubject().getReference()).isEqualTo("Patient/" + patient);
        assertThat(total.getMeta().getProfile().get(0).getValue())
                .isEqualTo("https://ketamine-fhir.org/ig/StructureDefinition/ketamine-outcome-score");
        assertThat(derived).hasSize(10);
        assertThat(byCode(derived, "44260-8").getValueCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("LA6570-1");

        org.hl7.fhir.r4.model.Provenance provenance = (org.hl7.fhir.r4.model.Provenance) searchBundle(
                        fhir().get("/Provenance?target=Observation/" + total.getIdElement().getIdPart()))
                .getEntryFirstRep().getResource();
        assertThat(provenance.getActivity().getText()).startsWith("Questionnaire scoring");
        assertThat(provenance.getEntityFirstRep().getWhat().getReference()).isEqualTo("QuestionnaireResponse/" + response);
        assertThat(provenance.getEntityFirstRep().getRole()).isEqualTo(org.hl7.fhir.r4.model.Provenance.ProvenanceEntityRole.DERIVATION);
    }

    @Test
    void theUsCorePhq9WithOrdinalValuesAndPlainLoincLinkIdsAreScoredToo() {
        String patient = create(newPatient("UsCore"));
        Map<String, Type> answers = Forms.coded("/", Forms.PHQ9_ITEMS, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        answers.values().forEach(answer -> ((Coding) answer).addExtension(
                "http://hl7.org/fhir/StructureDefinition/ordinalValue", new DecimalType(1)));
        String usCore = create(Forms.response("http://hl7.org/fhir/us/core/Questionnaire/phq-9", patient, answers));
        String plain = create(Forms.response("urn:ehr:phq9", patient, Forms.integers(Forms.PHQ9_ITEMS, 0, 0, 1, 1, 0, 0, 0, 0, 0)));

        assertThat(totalOf(usCore, "44261-6")).isEqualTo(9);
        assertThat(totalOf(plain, "44261-6")).isEqualTo(2);
        assertThat(byCode(derivedFrom(plain), "44261-6").getInterpretationFirstRep().getCodingFirstRep().getCode())
                .isEqualTo("none-minimal");
    }

    @Test
    void updatingOrRepostingTheResponseUpdatesTheSameObservations() {
        String patient = create(newPatient("Updated"));
        QuestionnaireResponse form = Forms.phq9(patient, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        String id = create(form);
        String firstTotalId = byCode(derivedFrom(id), "44261-6").getIdElement().getIdPart();

        form.setId(id);
        form.getItemFirstRep().getAnswerFirstRep().setValue(new Coding("http://loinc.org", "LA6571-9", null));
        fhir().body(encode(form)).put("/QuestionnaireResponse/" + id).then().statusCode(200);
        form.setId((String) null);
        create(form);

        Bundle totals = searchBundle(fhir().get("/Observation?patient=" + patient + "&code=http://loinc.org|44261-6"));
        assertThat(totals.getEntry()).hasSize(1);
        Observation total = (Observation) totals.getEntryFirstRep().getResource();
        assertThat(total.getIdElement().getIdPart()).isEqualTo(firstTotalId);
        assertThat(total.getValueQuantity().getValue().intValue()).isEqualTo(11);
        assertThat(searchBundle(fhir().get("/Observation?patient=" + patient + "&code=http://loinc.org|44250-9"))
                        .getEntry())
                .hasSize(1);
    }

    @Test
    void anIncompleteFormGetsNoTotalAndExtractSaysWhy() {
        String patient = create(newPatient("Incomplete"));
        String response = create(Forms.phq9(patient, 3, 3, 3, 3, 3, 3, 3, -1, -1));

        List<Observation> derived = derivedFrom(response);
        assertThat(derived).hasSize(7).noneMatch(o -> o.getCode().getCodingFirstRep().getCode().equals("44261-6"));

        Parameters extract = parse(fhir().get("/QuestionnaireResponse/" + response + "/$extract").then().statusCode(200)
                .extract().response(), Parameters.class);
        OperationOutcome issues = (OperationOutcome) extract.getParameter("issues").getResource();
        assertThat(issues.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.WARNING);
        assertThat(issues.getIssueFirstRep().getDiagnostics()).isEqualTo(
                "PHQ-9: 2 of 9 items unanswered (44253-3, 44260-8); the total needs every item, so none is computed");
    }

    @Test
    void theWriteItselfWarnsAboutAnIncompleteForm() {
        String patient = create(newPatient("Warned"));
        QuestionnaireResponse form = Forms.phq9(patient, 1, 1, 1, 1, 1, 1, 1, 1, -1);

        Response created = fhir().header("Prefer", "return=OperationOutcome").body(encode(form)).post("/QuestionnaireResponse");

        created.then().statusCode(201);
        assertThat(parse(created, OperationOutcome.class).getIssue())
                .filteredOn(issue -> issue.getSeverity() == OperationOutcome.IssueSeverity.WARNING)
                .extracting(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                .containsExactly("PHQ-9: 1 of 9 items unanswered (44260-8); the total needs every item, so none is computed");

        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        transaction.addEntry().setResource(form).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("QuestionnaireResponse");
        Bundle result = parse(fhir().body(encode(transaction)).post("/").then().statusCode(200).extract().response(), Bundle.class);
        OperationOutcome entryOutcome = (OperationOutcome) result.getEntryFirstRep().getResponse().getOutcome();
        assertThat(entryOutcome.getIssue()).anyMatch(issue -> issue.getSeverity() == OperationOutcome.IssueSeverity.WARNING
                && issue.getDiagnostics().startsWith("PHQ-9: 1 of 9 items unanswered"));
    }

    @Test
    void aResponseMarkedEnteredInErrorLosesItsScores() {
        String patient = create(newPatient("Withdrawn"));
        QuestionnaireResponse form = Forms.gad7(patient, 2, 2, 2, 2, 2, 2, 2);
        String id = create(form);
        assertThat(totalOf(id, "70274-6")).isEqualTo(14);

        form.setId(id);
        form.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.ENTEREDINERROR);
        fhir().body(encode(form)).put("/QuestionnaireResponse/" + id).then().statusCode(200);

        assertThat(derivedFrom(id)).isEmpty();
    }

    @Test
    void deletingAResponseDeletesItsScores() {
        String patient = create(newPatient("Deleted"));
        String id = create(Forms.gad7(patient, 1, 1, 1, 1, 1, 1, 1));
        assertThat(derivedFrom(id)).isNotEmpty();

        fhir().delete("/QuestionnaireResponse/" + id).then().statusCode(200);

        assertThat(derivedFrom(id)).isEmpty();
        assertThat(searchBundle(fhir().get("/Observation?patient=" + patient)).getEntry()).isEmpty();
    }

    @Test
    void scoresAnEhrPostedItselfAreLeftAloneAndADeviceAuthorIsNoObstacle() {
        String patient = create(newPatient("Coexisting"));
        QuestionnaireResponse form = Forms.phq9(patient, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        form.setAuthor(new Reference("Device/tablet-7"));
        form.getAuthor().setReference(null);
        form.getAuthor().getIdentifier().setSystem("urn:clinic:device").setValue("tablet-7");
        form.getAuthor().setType("Device");
        String id = create(form);
        Observation ehrTotal = org.ketaminefhir.support.Observations.phq9Total("Patient/" + patient, 1, "2026-03-01T09:00:00Z");
        ehrTotal.addDerivedFrom(new Reference("QuestionnaireResponse/" + id));
        String ehrId = create(ehrTotal);

        form.setId(id);
        form.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.AMENDED);
        fhir().body(encode(form)).put("/QuestionnaireResponse/" + id).then().statusCode(200);

        List<Observation> derived = derivedFrom(id);
        assertThat(derived).extracting(o -> o.getIdElement().getIdPart()).contains(ehrId);
        Observation ours = derived.stream().filter(o -> !o.getIdElement().getIdPart().equals(ehrId)
                && o.getCode().getCodingFirstRep().getCode().equals("44261-6")).findFirst().orElseThrow();
        assertThat(ours.getStatus()).isEqualTo(Observation.ObservationStatus.AMENDED);
        assertThat(ours.getPerformer()).isEmpty();
    }

    @Test
    void pcl5PainAndCssrsAreScored() {
        String patient = create(newPatient("Instruments"));
        String[] pclItems = java.util.stream.IntStream.rangeClosed(1, 20).mapToObj(i -> "pcl5-" + i).toArray(String[]::new);
        int[] pclPoints = java.util.stream.IntStream.rangeClosed(1, 20).map(i -> i % 5).toArray();
        String pcl = create(Forms.response(Forms.IG + "pcl-5", patient, Forms.integers(pclItems, pclPoints)));
        String pain = create(Forms.response(Forms.IG + "pain-nrs", patient, Forms.integers(new String[] {"/72514-3"}, 7)));
        String cssrs = create(Forms.response(Forms.IG + "cssrs-screener", patient, Forms.yesNo(
                new String[] {"93246-7", "93247-5", "93248-3", "93249-1", "93250-9", "93267-3"},
                true, true, true, false, false, false)));

        assertThat(totalOf(pcl, "pcl5-total")).isEqualTo(40);
        assertThat(totalOf(pain, "72514-3")).isEqualTo(7);
        Observation risk = byCode(derivedFrom(cssrs), "cssrs-screener-risk");
        assertThat(risk.getValueCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("moderate-risk");
        assertThat(derivedFrom(cssrs)).hasSize(7);
    }

    @Test
    void aTransactionFromAnEhrGetsItsScoresInTheSameCommit() {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        bundle.addEntry().setFullUrl("urn:uuid:5a0e4c52-0d4e-4c38-9d0c-3f2b3c1e0001").setResource(newPatient("Ehr"))
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        QuestionnaireResponse form = Forms.phq9("x", 2, 2, 2, 2, 2, 2, 2, 2, 2);
        form.setSubject(new Reference("urn:uuid:5a0e4c52-0d4e-4c38-9d0c-3f2b3c1e0001"));
        bundle.addEntry().setFullUrl("urn:uuid:5a0e4c52-0d4e-4c38-9d0c-3f2b3c1e0002").setResource(form)
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("QuestionnaireResponse");

        Bundle result = parse(fhir().body(encode(bundle)).post("/").then().statusCode(200).extract().response(), Bundle.class);

        String patient = org.ketaminefhir.support.Fhir.idFromLocation(result.getEntry().get(0).getResponse().getLocation());
        String response = org.ketaminefhir.support.Fhir.idFromLocation(result.getEntry().get(1).getResponse().getLocation());
        Observation total = byCode(derivedFrom(response), "44261-6");
        assertThat(total.getValueQuantity().getValue().intValue()).isEqualTo(18);
        assertThat(total.getSubject().getReference()).isEqualTo("Patient/" + patient);
    }

    @Test
    void extractOfAPostedResponseStoresNothing() {
        String patient = create(newPatient("Posted"));
        Parameters in = new Parameters();
        in.addParameter().setName("questionnaire-response").setResource(Forms.gad7(patient, 1, 0, 0, 0, 0, 0, 0));

        Response response = fhir().body(encode(in)).post("/QuestionnaireResponse/$extract");

        response.then().statusCode(200);
        Bundle out = (Bundle) parse(response, Parameters.class).getParameter("return").getResource();
        assertThat(out.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
        Observation total = (Observation) out.getEntry().stream()
                .filter(e -> ((Observation) e.getResource()).getCode().getCodingFirstRep().getCode().equals("70274-6"))
                .findFirst().orElseThrow().getResource();
        assertThat(total.getValueQuantity().getValue().intValue()).isEqualTo(1);
        assertThat(searchBundle(fhir().get("/Observation?patient=" + patient)).getEntry()).isEmpty();
    }

    @Test
    void extractOfAnUnknownResponseIs404AndWithoutAResponse400() {
        fhir().get("/QuestionnaireResponse/no-such-form/$extract").then().statusCode(404);
        Response response = fhir().body(encode(new Parameters())).post("/QuestionnaireResponse/$extract");
        response.then().statusCode(400);
        assertThat(parse(response, OperationOutcome.class).getIssueFirstRep().getDiagnostics()).contains("questionnaire-response");
    }

    private static List<Observation> derivedFrom(String responseId) {
        return searchBundle(fhir().get("/Observation?derived-from=QuestionnaireResponse/" + responseId + "&_count=100"))
                .getEntry().stream().map(e -> (Observation) e.getResource()).toList();
    }

    private static Observation byCode(List<Observation> observations, String code) {
        return observations.stream()
                .filter(o -> o.getCode().getCodingFirstRep().getCode().equals(code))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Observation " + code + " in " + observations.size()));
    }

    private static int totalOf(String responseId, String code) {
        return byCode(derivedFrom(responseId), code).getValueQuantity().getValue().intValue();
    }
}
