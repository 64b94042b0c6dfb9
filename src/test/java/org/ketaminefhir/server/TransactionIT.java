package org.ketaminefhir.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaminefhir.support.Fhir.TEST_SYSTEM;
import static org.ketaminefhir.support.Fhir.create;
import static org.ketaminefhir.support.Fhir.diagnostics;
import static org.ketaminefhir.support.Fhir.fhir;
import static org.ketaminefhir.support.Fhir.identifierQuery;
import static org.ketaminefhir.support.Fhir.newPatient;
import static org.ketaminefhir.support.Fhir.parse;
import static org.ketaminefhir.support.Fhir.searchBundle;
import static org.ketaminefhir.support.Fhir.uniqueValue;

import io.restassured.response.Response;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.ketaminefhir.support.FhirServerTest;
import org.ketaminefhir.support.Observations;

@FhirServerTest
class TransactionIT {

    static Observation heartRate(String subjectReference, int beatsPerMinute) {
        return Observations.heartRate(subjectReference, beatsPerMinute);
    }

    private static void addPost(Bundle bundle, String fullUrl, Resource resource, String ifNoneExist) {
        Bundle.BundleEntryComponent entry = bundle.addEntry().setFullUrl(fullUrl).setResource(resource);
        entry.getRequest().setMethod(HTTPVerb.POST).setUrl(resource.fhirType()).setIfNoneExist(ifNoneExist);
    }


    private static List<Bundle.BundleEntryComponent> patientsMatching(Patient patient) {
        return searchBundle(fhir().get("/Patient?" + identifierQuery(patient))).getEntry();
    }

    @Test
    void transactionResolvesUrnUuidReferencesAndStoresEverything() {
        Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
        Patient patient = newPatient("Ibsen");
        String patientUrn = "urn:uuid:" + uniqueValue();
        addPost(bundle, patientUrn, patient, null);
        addPost(bundle, "urn:uuid:" + uniqueValue(), heartRate(patientUrn, 88), null);

        Response response = fhir(bundle).post("/");

        response.then().statusCode(200);
        Bundle result = parse(response, Bundle.class);
        assertThat(result.getType()).isEqualTo(BundleType.TRANSACTIONRESPONSE);
        assertThat(result.getEntry()).extracting(e -> e.getResponse().getStatus()).containsExactly("201 Created", "201 Created");
        String patientId = result.getEntry().get(0).getResponse().getLocation().split("/")[1];
        Bundle observations = searchBundle(fhir().get("/Observation?subject=Patient/" + patientId));
        assertThat(observations.getEntry()).hasSize(1);
        assertThat(((Observation) observations.getEntryFirstRep().getResource()).getSubject().getReference())
                .isEqualTo("Patient/" + patientId);
    }

    @Test
    void transactionResolvesConditionalReferencesToExistingResources() {
        Patient patient = newPatient("Jovanovic");
        String patientId = create(patient);
        Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
        addPost(bundle, "urn:uuid:" + uniqueValue(), heartRate("Patient?" + identifierQuery(patient), 64), null);

        fhir(bundle).post("/").then().statusCode(200);

        Bundle observations = searchBundle(fhir().get("/Observation?subject=Patient/" + patientId));
        assertThat(observations.getEntry()).hasSize(1);
    }

    @Test
    void transactionWithOneBadEntryStoresNothing() {
        Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
        Patient patient = newPatient("Kowalski");
        String patientUrn = "urn:uuid:" + uniqueValue();
        addPost(bundle, patientUrn, patient, null);
        Observation missingStatus = heartRate(patientUrn, 70);
        missingStatus.setStatus(null);
        addPost(bundle, "urn:uuid:" + uniqueValue(), missingStatus, null);

        Response response = fhir(bundle).post("/");

        response.then().statusCode(422);
        assertThat(diagnostics(response))
                .containsExactly("KETA-GUARD-001: Observation.status: minimum required = 1, but only found 0");
        assertThat(patientsMatching(patient)).isEmpty();
    }

    @Test
    void transactionReferencingAFullUrlThatIsNotInTheBundleStoresNothing() {
        Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
        Patient patient = newPatient("Larsen");
        addPost(bundle, "urn:uuid:" + uniqueValue(), patient, null);
        String missing = "urn:uuid:" + uniqueValue();
        addPost(bundle, "urn:uuid:" + uniqueValue(), heartRate(missing, 70), null);

        Response response = fhir(bundle).post("/");

        response.then().statusCode(400);
        assertThat(diagnostics(response).get(0)).contains(missing);
        assertThat(patientsMatching(patient)).isEmpty();
    }

    @Test
    void transactionWithADanglingReferenceStoresNothing() {
        Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
        Patient patient = newPatient("Mensah");
        addPost(bundle, "urn:uuid:" + uniqueValue(), patient, null);
        addPost(bundle, "urn:uuid:" + uniqueValue(), heartRate("Patient/no-such-" + uniqueValue(), 70), null);

        Response response = fhir(bundle).post("/");

        response.then().statusCode(400);
        assertThat(diagnostics(response).get(0)).contains("not found, specified in path: Observation.subject");
        assertThat(patientsMatching(patient)).isEmpty();
    }

    @Test
    void repostingAConditionalTransactionIsIdempotent() {
        Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
        Patient patient = newPatient("Nilsen");
        String patientUrn = "urn:uuid:" + uniqueValue();
        addPost(bundle, patientUrn, patient, identifierQuery(patient));
        addPost(bundle, "urn:uuid:" + uniqueValue(), heartRate(patientUrn, 75), null);
        bundle.getEntry().get(1).getRequest().setMethod(HTTPVerb.PUT)
                .setUrl("Observation?identifier=" + TEST_SYSTEM + "|" + patient.getIdentifierFirstRep().getValue());
        ((Observation) bundle.getEntry().get(1).getResource())
                .addIdentifier().setSystem(TEST_SYSTEM).setValue(patient.getIdentifierFirstRep().getValue());

        fhir(bundle).post("/").then().statusCode(200);
        Response again = fhir(bundle).post("/");

        again.then().statusCode(200);
        assertThat(parse(again, Bundle.class).getEntry())
                .extracting(e -> e.getResponse().getStatus())
                .containsExactly("200 OK", "200 OK");
        assertThat(patientsMatching(patient)).hasSize(1);
    }

    @Test
    void batchReportsAnOutcomePerEntryAndKeepsTheGoodOnes() {
        Bundle bundle = new Bundle().setType(BundleType.BATCH);
        Patient good = newPatient("Olsen");
        addPost(bundle, null, good, null);
        Observation bad = heartRate("Patient/no-such-" + uniqueValue(), 70);
        addPost(bundle, null, bad, null);

        Response response = fhir(bundle).post("/");

        response.then().statusCode(200);
        Bundle result = parse(response, Bundle.class);
        assertThat(result.getType()).isEqualTo(BundleType.BATCHRESPONSE);
        assertThat(result.getEntry().get(0).getResponse().getStatus()).isEqualTo("201 Created");
        assertThat(result.getEntry().get(1).getResponse().getStatus()).startsWith("400");
        OperationOutcome outcome = (OperationOutcome) result.getEntry().get(1).getResponse().getOutcome();
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("not found");
        assertThat(patientsMatching(good)).hasSize(1);
    }
}
