package org.ketaminefhir.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaminefhir.support.Fhir.encode;
import static org.ketaminefhir.support.Fhir.newPatient;
import static org.ketaminefhir.support.Fhir.parse;
import static org.ketaminefhir.support.Fhir.uniqueValue;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ketaminefhir.support.ServerNode;

/** The default H2 file database keeps data across restarts, and a stopping server finishes the requests it has. */
class DurabilityIT {

    private static final int OBSERVATIONS = 400;

    @TempDir
    Path dataDir;

    private ServerNode start() {
        return ServerNode.start(null, Map.of(
                "ketamine.data-dir", dataDir.toString(), "ketamine.samples.load-when-empty", "false"));
    }


    @Test
    void dataSurvivesARestartAndAnInFlightTransactionCompletesDuringShutdown() throws Exception {
        Patient patient = newPatient("Durable");
        String family = patient.getNameFirstRep().getFamily();
        String marker = uniqueValue();
        Bundle large = largeTransaction(marker);
        CompletableFuture<Response> inFlight;
        AtomicLong completedAt = new AtomicLong();
        long closeStartedAt;

        ServerNode first = start();
        try {
            concurrentFirstWritesOnAFreshDatabaseAllSucceed(first);
            first.request().body(encode(patient)).post("/Patient").then().statusCode(201);
            TransactionArrival arrival = new TransactionArrival();
            first.bean(FhirEndpoint.class).server().registerInterceptor(arrival);
            io.restassured.specification.RequestSpecification request = first.request().body(encode(large));
            inFlight = CompletableFuture.supplyAsync(() -> {
                Response response = request.post("/");
                completedAt.set(System.nanoTime());
                return response;
            });
            // Ask the server to stop only once it is handling the transaction: a request still being sent when the
            // connector closes is refused, which is what graceful shutdown means, but not what this test is about.
            assertThat(arrival.handled.await(60, TimeUnit.SECONDS)).as("the server received the transaction").isTrue();
        } finally {
            closeStartedAt = System.nanoTime();
            first.close();
        }
        assertThat(inFlight.get().statusCode()).isEqualTo(200);
        assertThat(completedAt.get()).as("the transaction was still running when shutdown began").isGreaterThan(closeStartedAt);

        ServerNode second = start();
        try {
            Response patients = second.request().get("/Patient?family=" + family + "&identifier="
                    + patient.getIdentifierFirstRep().getSystem() + "|" + patient.getIdentifierFirstRep().getValue());
            assertThat(parse(patients, Bundle.class).getEntry()).hasSize(1);
            Response count = second.request().get("/Observation?code=8867-4&subject:Patient.identifier=urn:ketamine-fhir:test|"
                    + marker + "&_summary=count");
            assertThat(parse(count, Bundle.class).getTotal()).isEqualTo(OBSERVATIONS);
            // The implementation guide was loaded on both starts: once, and unchanged.
            Bundle profile = parse(second.request().get("/StructureDefinition?url=https://ketamine-fhir.org/ig/StructureDefinition/ketamine-session"), Bundle.class);
            assertThat(profile.getEntry()).hasSize(1);
            assertThat(profile.getEntryFirstRep().getResource().getMeta().getVersionId()).isEqualTo("1");
        } finally {
            second.close();
        }
    }

    /** Counts down when the node starts handling a transaction, after it has read and parsed the request. */
    public static final class TransactionArrival {
        final CountDownLatch handled = new CountDownLatch(1);

        @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
        public void preHandled(RestOperationTypeEnum operation) {
            if (operation == RestOperationTypeEnum.TRANSACTION) {
                handled.countDown();
            }
        }
    }

    /** Regression: on a fresh database HAPI created a lookup row lazily and concurrent first users got a 500. */
    private static void concurrentFirstWritesOnAFreshDatabaseAllSucceed(ServerNode node) throws Exception {
        String patientId = parse(node.request().body(encode(newPatient("Fresh"))).post("/Patient"), Patient.class)
                .getIdElement()
                .getIdPart();
        List<CompletableFuture<Integer>> statuses = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < 4; i++) {
            QuestionnaireResponse response = new QuestionnaireResponse();
            response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
            response.setQuestionnaire("http://example.org/Questionnaire/intake");
            response.setSubject(new Reference("Patient/" + patientId));
            statuses.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return node.request().body(encode(response)).post("/QuestionnaireResponse").statusCode();
            }));
        }
        start.countDown();
        assertThat(statuses.stream().map(CompletableFuture::join).toList()).containsOnly(201);
    }

    private static Bundle largeTransaction(String marker) {
        Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
        Patient patient = newPatient("InFlight");
        patient.getIdentifierFirstRep().setValue(marker);
        String patientUrn = "urn:uuid:" + uniqueValue();
        bundle.addEntry().setFullUrl(patientUrn).setResource(patient).getRequest().setMethod(HTTPVerb.POST).setUrl("Patient");
        for (int i = 0; i < OBSERVATIONS; i++) {
            bundle.addEntry()
                    .setFullUrl("urn:uuid:" + uniqueValue())
                    .setResource(TransactionIT.heartRate(patientUrn, 60 + i % 60))
                    .getRequest()
                    .setMethod(HTTPVerb.POST)
                    .setUrl("Observation");
        }
        return bundle;
    }
}
