package org.ketaminefhir.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaminefhir.support.Fhir.TEST_SYSTEM;
import static org.ketaminefhir.support.Fhir.encode;
import static org.ketaminefhir.support.Fhir.newPatient;
import static org.ketaminefhir.support.Fhir.parse;
import static org.ketaminefhir.support.Fhir.uniqueValue;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.ketaminefhir.support.Fhir;
import org.ketaminefhir.support.LocalPostgres;
import org.ketaminefhir.support.Receiver;
import org.ketaminefhir.support.ServerNode;

/**
 * The production set-up: the {@code postgres} profile against a real PostgreSQL server, with two server nodes sharing
 * the one database, then a restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresClusterIT {

    private LocalPostgres postgres;
    private ServerNode nodeA;
    private ServerNode nodeB;
    private final Patient patient = newPatient("Postgresson");
    private java.nio.file.Path signingKey;

    @BeforeAll
    void startDatabaseAndTwoNodes() throws Exception {
        postgres = LocalPostgres.start();
        signingKey = ServerNode.newSigningKeyFile();
        // The first node creates the schema; the second starts against it.
        nodeA = startNode();
        nodeB = startNode();
    }

    @AfterAll
    void stopEverything() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {nodeA, nodeB, postgres}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    private ServerNode startNode() {
        return ServerNode.start("postgres", Map.of(
                "spring.datasource.url", postgres.jdbcUrl(),
                "spring.datasource.username", postgres.user(),
                "spring.datasource.password", "",
                "ketamine.samples.load-when-empty", "false",
                "ketamine.security.signing-key", signingKey.toUri().toString(),
                "ketamine.subscriptions.allowed-endpoints", "http://localhost:\\d+/.*",
                "ketamine.subscriptions.first-retry", "200ms"));
    }


    @Test
    @Order(0)
    void aTokenFromOneNodeWorksOnTheOther() {
        String fromA = org.ketaminefhir.support.Tokens.of(nodeA.port(), org.ketaminefhir.support.Tokens.LOCAL_ADMIN);

        nodeB.request().auth().oauth2(fromA).get("/Patient?_count=1").then().statusCode(200);
    }


    private String identifierQuery() {
        return Fhir.identifierQuery(patient);
    }

    private static List<Bundle.BundleEntryComponent> search(ServerNode node, String query) {
        Response response = node.request().get(query);
        response.then().statusCode(200);
        return parse(response, Bundle.class).getEntry();
    }

    @Test
    @Order(1)
    void aTransactionOnOneNodeIsSearchableOnTheOther() {
        Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
        String patientUrn = "urn:uuid:" + uniqueValue();
        bundle.addEntry().setFullUrl(patientUrn).setResource(patient).getRequest()
                .setMethod(HTTPVerb.POST).setUrl("Patient").setIfNoneExist(identifierQuery());
        bundle.addEntry().setFullUrl("urn:uuid:" + uniqueValue())
                .setResource(TransactionIT.heartRate(patientUrn, 118))
                .getRequest().setMethod(HTTPVerb.POST).setUrl("Observation");

        nodeA.request().body(encode(bundle)).post("/").then().statusCode(200);

        List<Bundle.BundleEntryComponent> found = search(nodeB, "/Patient?" + identifierQuery());
        assertThat(found).hasSize(1);
        String patientId = found.get(0).getResource().getIdElement().getIdPart();
        assertThat(search(nodeB, "/Observation?patient=" + patientId + "&value-quantity=gt100")).hasSize(1);

        nodeB.request().body(encode(TransactionIT.heartRate("Patient/" + patientId, 76))).post("/Observation")
                .then().statusCode(201);
        assertThat(search(nodeA, "/Observation?patient=" + patientId + "&_sort=date")).hasSize(2);
    }

    @Test
    @Order(2)
    void conditionalCreatesRacingOnBothNodesLeaveOneResource() throws Exception {
        Patient racer = newPatient("Racer");
        String body = encode(racer);
        String condition = "identifier=" + TEST_SYSTEM + "|" + racer.getIdentifierFirstRep().getValue();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> statuses = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                ServerNode node = i % 2 == 0 ? nodeA : nodeB;
                statuses.add(pool.submit(() -> {
                    start.await();
                    return node.request().header("If-None-Exist", condition).body(body).post("/Patient").statusCode();
                }));
            }
            start.countDown();
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                codes.add(status.get());
            }
            assertThat(codes).containsOnly(200, 201).containsOnlyOnce(201);
        } finally {
            pool.shutdownNow();
        }
        assertThat(search(nodeA, "/Patient?" + condition)).hasSize(1);
    }

    @Test
    @Order(3)
    void versionedUpdatesFromBothNodesNeverOverwriteSilently() {
        String id = search(nodeA, "/Patient?" + identifierQuery()).get(0).getResource().getIdElement().getIdPart();
        Patient fromA = parse(nodeA.request().get("/Patient/" + id), Patient.class);
        Patient fromB = parse(nodeB.request().get("/Patient/" + id), Patient.class);
        String version = fromA.getMeta().getVersionId();
        fromA.getNameFirstRep().setFamily("Written-By-A");
        fromB.getNameFirstRep().setFamily("Written-By-B");

        nodeA.request().header("If-Match", "W/\"" + version + "\"").body(encode(fromA)).put("/Patient/" + id)
                .then().statusCode(200);
        nodeB.request().header("If-Match", "W/\"" + version + "\"").body(encode(fromB)).put("/Patient/" + id)
                .then().statusCode(409);

        assertThat(parse(nodeB.request().get("/Patient/" + id), Patient.class).getNameFirstRep().getFamily())
                .isEqualTo("Written-By-A");
    }

    @Test
    @Order(4)
    void readingsOfOneSessionPostedToBothNodesShareOneCompleteAlert() throws Exception {
        String patientId = search(nodeA, "/Patient?" + identifierQuery()).get(0).getResource().getIdElement().getIdPart();
        Response created = nodeA.request().body(encode(org.ketaminefhir.support.Sessions.session(
                patientId, "2026-03-02T09:00:00Z", "2026-03-02T09:40:00Z"))).post("/Procedure");
        created.then().statusCode(201);
        String session = "Procedure/" + Fhir.idFromLocation(created.header("Location"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> statuses = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                ServerNode node = i % 2 == 0 ? nodeA : nodeB;
                String body = encode(org.ketaminefhir.support.Sessions.reading(patientId, session, "8867-4", "Heart rate",
                        130 + i, "/min", "2026-03-02T09:1" + i + ":00Z", "dosing"));
                statuses.add(pool.submit(() -> node.request().body(body).post("/Observation").statusCode()));
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }

        List<Bundle.BundleEntryComponent> alerts = search(nodeB, "/DetectedIssue?patient=" + patientId);
        assertThat(alerts).hasSize(1);
        assertThat(((org.hl7.fhir.r4.model.DetectedIssue) alerts.get(0).getResource()).getImplicated()).hasSize(9);
    }

    @Test
    @Order(5)
    void writesOnBothNodesAreNotifiedOnceEachAndInOrder() throws Exception {
        String patientId = search(nodeA, "/Patient?" + identifierQuery()).get(0).getResource().getIdElement().getIdPart();
        try (Receiver receiver = Receiver.start()) {
            receiver.answerNext(500);
            Subscription subscription = new Subscription()
                    .setStatus(Subscription.SubscriptionStatus.REQUESTED)
                    .setReason("EHR feed")
                    .setCriteria("Observation?subject=Patient/" + patientId + "&code=http://loinc.org|8867-4");
            subscription.getChannel().setType(Subscription.SubscriptionChannelType.RESTHOOK)
                    .setEndpoint(receiver.url("/ehr")).setPayload("application/fhir+json");
            nodeA.request().body(encode(subscription)).post("/Subscription").then().statusCode(201);

            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<String>> created = new ArrayList<>();
            try {
                for (int i = 0; i < 16; i++) {
                    ServerNode node = i % 2 == 0 ? nodeA : nodeB;
                    String body = encode(TransactionIT.heartRate("Patient/" + patientId, 60 + i));
                    created.add(pool.submit(() -> Fhir.idFromLocation(
                            node.request().body(body).post("/Observation").then().statusCode(201)
                                    .extract().header("Location"))));
                }
                for (Future<String> id : created) {
                    id.get();
                }
            } finally {
                pool.shutdownNow();
            }
            String corrected = created.get(0).get();
            for (int version = 2; version <= 5; version++) {
                ServerNode node = version % 2 == 0 ? nodeB : nodeA;
                org.hl7.fhir.r4.model.Observation reading = TransactionIT.heartRate("Patient/" + patientId, 100 + version);
                reading.setId(corrected);
                node.request().body(encode(reading)).put("/Observation/" + corrected).then().statusCode(200);
            }

            // 16 creates and 4 updates, plus the first attempt, which was refused and retried.
            List<Receiver.Request> received = receiver.await(21, r -> true, java.time.Duration.ofSeconds(60));
            assertThat(receiver.await(22, r -> true, java.time.Duration.ofSeconds(2))).as("nothing sent twice")
                    .hasSize(21);
            assertThat(received.stream().map(r -> r.header("X-Notification-Id")).distinct()).hasSize(20);
            assertThat(received).extracting(Receiver.Request::method).containsOnly("PUT");
            assertThat(received.stream().map(r -> r.header("X-Notification-Id"))
                            .filter(id -> id.contains("/Observation/" + corrected + "/")).distinct())
                    .as("the versions of one resource arrive in the order they were written")
                    .containsExactly(java.util.stream.IntStream.rangeClosed(1, 5)
                            .mapToObj(v -> "/Observation/" + corrected + "/_history/" + v)
                            .map(tail -> received.get(0).header("X-Notification-Id").replaceAll("/Observation/.*", "")
                                    + tail)
                            .toArray(String[]::new));
        }
    }

    @Test
    @Order(6)
    void dataSurvivesARestartOfEveryNode() {
        nodeA.close();
        nodeB.close();
        nodeB = null;

        nodeA = startNode();

        List<Bundle.BundleEntryComponent> found = search(nodeA, "/Patient?" + identifierQuery());
        assertThat(found).hasSize(1);
        assertThat(((Patient) found.get(0).getResource()).getNameFirstRep().getFamily()).isEqualTo("Written-By-A");
    }
}
