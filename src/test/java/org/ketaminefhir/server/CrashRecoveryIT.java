package org.ketaminefhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ketaminefhir.support.Fhir;
import org.ketaminefhir.support.Observations;
import org.ketaminefhir.support.ServerNode;
import org.ketaminefhir.support.Tokens;

/**
 * The packaged server is killed with SIGKILL while four clients post transaction bundles to its default H2 file
 * database. After a restart the database opens, the server serves, every bundle is either all there or not at all,
 * and every bundle the server had acknowledged is there. Then it is stopped gracefully right after a burst of reads and
 * searches, and the audit events of all of them are there after the next start.
 */
class CrashRecoveryIT {

    private static final String TAG_SYSTEM = "urn:ketamine-fhir:crash-test";
    private static final int OBSERVATIONS_PER_BUNDLE = 9;
    private static final int READS_BEFORE_STOP = 30;
    private static final int SEARCHES_BEFORE_STOP = 400;

    @TempDir
    Path dataDir;

    private Path signingKey;

    @Test
    void aKilledServerRestartsWithEveryTransactionWholeOrAbsent() throws Exception {
        int port = freePort();
        signingKey = ServerNode.newSigningKeyFile();
        Process server = start(port, "first");
        Set<String> sent = ConcurrentHashMap.newKeySet();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            for (int c = 0; c < 4; c++) {
                clients.submit(() -> {
                    while (running.get()) {
                        String bundle = UUID.randomUUID().toString();
                        sent.add(bundle);
                        try {
                            int status = request(port).body(Fhir.encode(transaction(bundle))).post("/").statusCode();
                            if (status == 200) {
                                acknowledged.add(bundle);
                            }
                        } catch (Exception connectionLost) {
                            return null;
                        }
                    }
                    return null;
                });
            }
            Instant until = Instant.now().plusSeconds(30);
            while (acknowledged.size() < 20 && Instant.now().isBefore(until)) {
                Thread.sleep(100);
            }
            assertThat(acknowledged).as("bundles written before the kill").hasSizeGreaterThanOrEqualTo(20);
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        } finally {
            running.set(false);
            clients.shutdown();
            clients.awaitTermination(30, TimeUnit.SECONDS);
            server.destroyForcibly();
        }

        Process restarted = start(port, "restarted");
        try {
            List<String> broken = new ArrayList<>();
            List<String> lost = new ArrayList<>();
            for (String bundle : sent) {
                int patients = count(port, "Patient", bundle);
                int observations = count(port, "Observation", bundle);
                boolean whole = patients == 1 && observations == OBSERVATIONS_PER_BUNDLE;
                if (!whole && (patients != 0 || observations != 0)) {
                    broken.add(bundle + ": " + patients + " patient(s), " + observations + " observation(s)");
                }
                if (!whole && acknowledged.contains(bundle)) {
                    lost.add(bundle);
                }
            }
            assertThat(broken).as("partly written transactions").isEmpty();
            assertThat(lost).as("acknowledged transactions missing after the crash").isEmpty();
            request(port).body(Fhir.encode(transaction(UUID.randomUUID().toString()))).post("/").then().statusCode(200);

            // Reads and searches are audited by a background writer. A graceful stop (SIGTERM) must store what is
            // still queued: the database has to outlive the writer, not close in a shutdown hook of its own. The
            // searches, one event per patient shown, leave the writer thousands of events behind at the stop.
            String patient = Fhir.idFromLocation(request(port).body(Fhir.encode(Fhir.newPatient("Stopped")))
                    .post("/Patient").then().statusCode(201).extract().header("Location"));
            for (int i = 0; i < READS_BEFORE_STOP; i++) {
                request(port).get("/Patient/" + patient).then().statusCode(200);
            }
            List<String> crashPatients = searchCrashPatients(port);
            ExecutorService searchers = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> searches = new ArrayList<>();
                for (int i = 1; i < SEARCHES_BEFORE_STOP; i++) { // the search above was the first
                    searches.add(searchers.submit(
                            () -> assertThat(searchCrashPatients(port)).hasSameSizeAs(crashPatients)));
                }
                for (Future<?> search : searches) {
                    search.get(2, TimeUnit.MINUTES);
                }
            } finally {
                searchers.shutdownNow();
            }
            restarted.destroy();
            assertThat(restarted.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s").isTrue();
            assertThat(tail(dataDir.resolve("restarted.log")))
                    .doesNotContain("Database is already closed", "not stored", "Could not store");

            Process afterStop = start(port, "after-stop");
            try {
                assertThat(Fhir.parse(request(port).get("/AuditEvent?entity=Patient/" + patient
                                + "&action=R&_summary=count").then().statusCode(200).extract().response(), Bundle.class)
                        .getTotal()).as("read events stored before the stop").isEqualTo(READS_BEFORE_STOP);
                for (String searched : crashPatients) {
                    assertThat(Fhir.parse(request(port).get("/AuditEvent?patient=" + searched
                                    + "&action=E&_summary=count").then().statusCode(200).extract().response(),
                            Bundle.class).getTotal()).as("search events naming " + searched)
                            .isEqualTo(SEARCHES_BEFORE_STOP);
                }
            } finally {
                afterStop.destroy();
                afterStop.waitFor(30, TimeUnit.SECONDS);
            }
        } finally {
            restarted.destroy();
            restarted.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Every patient the crash phase stored, on one page; the search's audit trail has one event per patient. */
    private static List<String> searchCrashPatients(int port) {
        Bundle page = Fhir.parse(request(port).get("/Patient?family:exact=Crash&_count=500")
                .then().statusCode(200).extract().response(), Bundle.class);
        assertThat(page.getLink("next")).as("all on one page").isNull();
        return page.getEntry().stream().map(e -> "Patient/" + e.getResource().getIdElement().getIdPart()).toList();
    }

    private static Bundle transaction(String bundleId) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        String patientUrl = "urn:uuid:" + UUID.randomUUID();
        Patient patient = Fhir.newPatient("Crash");
        patient.getMeta().addTag(TAG_SYSTEM, bundleId, null);
        bundle.addEntry().setFullUrl(patientUrl).setResource(patient).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        for (int i = 0; i < OBSERVATIONS_PER_BUNDLE; i++) {
            Observation reading = Observations.vitalHeartRate(patientUrl, 60 + i, "2026-03-02T10:0" + i + ":00Z");
            reading.getMeta().addTag(TAG_SYSTEM, bundleId, null);
            bundle.addEntry().setResource(reading).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
        }
        return bundle;
    }

    private static int count(int port, String type, String bundleId) {
        return Fhir.parse(request(port).get("/" + type + "?_tag=" + TAG_SYSTEM + "|" + bundleId + "&_summary=count")
                .then().statusCode(200).extract().response(), Bundle.class).getTotal();
    }

    private static RequestSpecification request(int port) {
        return RestAssured.given()
                .baseUri("http://localhost")
                .port(port)
                .basePath("/fhir")
                .auth().oauth2(Tokens.of(port, Tokens.LOCAL_ADMIN))
                .contentType(Fhir.FHIR_JSON)
                .accept(Fhir.FHIR_JSON);
    }

    /** Starts {@code target/ketamine-fhir-server.jar} as its own process and waits until it serves. */
    private Process start(int port, String name) throws Exception {
        Path log = dataDir.resolve(name + ".log");
        Process process = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
                "-jar", Path.of("target", "ketamine-fhir-server.jar").toAbsolutePath().toString(),
                "--server.port=" + port,
                "--ketamine.data-dir=" + dataDir.resolve("db"),
                "--ketamine.samples.load-when-empty=false",
                "--ketamine.security.signing-key=" + signingKey.toUri())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("server process running; see " + log + ":\n" + tail(log)).isTrue();
            try {
                // Explicit base path and no credentials: other tests set REST Assured's globals for the shared server.
                if (RestAssured.given().baseUri("http://localhost").port(port).basePath("").auth().none()
                        .get("/fhir/metadata").statusCode() == 200) {
                    return process;
                }
            } catch (Exception notListeningYet) {
                // keep waiting
            }
            Thread.sleep(250);
        }
        process.destroyForcibly();
        throw new AssertionError("server did not become ready in 120 s:\n" + tail(log));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
