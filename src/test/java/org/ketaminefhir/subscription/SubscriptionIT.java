package org.ketaminefhir.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaminefhir.support.Fhir.create;
import static org.ketaminefhir.support.Fhir.diagnostics;
import static org.ketaminefhir.support.Fhir.fhir;
import static org.ketaminefhir.support.Fhir.newPatient;
import static org.ketaminefhir.support.Fhir.parse;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ketaminefhir.support.Fhir;
import org.ketaminefhir.support.FhirServerTest;
import org.ketaminefhir.support.Forms;
import org.ketaminefhir.support.Poll;
import org.ketaminefhir.support.Receiver;
import org.ketaminefhir.support.Sessions;
import org.ketaminefhir.support.Tokens;

@FhirServerTest
class SubscriptionIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final Receiver receiver = Receiver.start();

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void aSafetyAlertIsSentToTheEndpointAsTheAlertResource() {
        String patient = create(newPatient("Alerted"));
        Subscription subscription = restHook("DetectedIssue?patient=Patient/" + patient, receiver.url("/ehr/fhir"));
        subscription.getChannel().setPayload("application/fhir+json").addHeader("Authorization: Bearer receiver-secret");
        Subscription stored = parse(fhir(subscription).post("/Subscription").then().statusCode(201).extract().response(),
                Subscription.class);
        assertThat(stored.getStatus()).isEqualTo(SubscriptionStatus.ACTIVE);

        String session = "Procedure/" + create(Sessions.session(patient, "2026-03-02T09:00:00Z", "2026-03-02T09:40:00Z"));
        create(Sessions.bloodPressure(patient, session, 124, 78, "2026-03-02T09:00:00Z", "pre-dose"));
        create(Sessions.bloodPressure(patient, session, 186, 104, "2026-03-02T09:30:00Z", "dosing"));

        List<Receiver.Request> notifications = receiver.await(2, r -> true, WAIT);
        assertThat(notifications).extracting(Receiver.Request::method).containsOnly("PUT");
        assertThat(notifications).extracting(r -> r.header("Authorization")).containsOnly("Bearer receiver-secret");
        assertThat(notifications).extracting(r -> r.header("Content-Type"))
                .containsOnly("application/fhir+json; charset=UTF-8");
        List<DetectedIssue> alerts = notifications.stream()
                .map(r -> Fhir.json().parseResource(DetectedIssue.class, r.body()))
                .toList();
        assertThat(alerts).extracting(a -> a.getCode().getCodingFirstRep().getCode())
                .containsExactlyInAnyOrder("bp-above-limit", "bp-rise-from-baseline");
        assertThat(notifications).extracting(Receiver.Request::path).containsExactlyInAnyOrderElementsOf(alerts.stream()
                .map(a -> "/ehr/fhir/DetectedIssue/" + a.getIdElement().getIdPart()).toList());
        assertThat(notifications).extracting(r -> r.header("X-Notification-Id")).doesNotHaveDuplicates()
                .allMatch(id -> id.startsWith("Subscription/" + stored.getIdElement().getIdPart() + "/DetectedIssue/"));
        assertThat(receiver.await(3, r -> true, Duration.ofMillis(500))).as("sent once each").hasSize(2);
    }

    @Test
    void aNewScoreIsAnnouncedWithAnEmptyNotification() {
        String patient = create(newPatient("Scored"));
        create(restHook("Observation?category=survey&code=http://loinc.org|44261-6&subject=Patient/" + patient,
                receiver.url("/ping")));

        create(Forms.phq9(patient, 2, 2, 2, 1, 1, 1, 1, 1, 0));

        List<Receiver.Request> notifications = receiver.await(1, r -> true, WAIT);
        assertThat(notifications).singleElement().satisfies(n -> {
            assertThat(n.method()).isEqualTo("POST");
            assertThat(n.path()).isEqualTo("/ping");
            assertThat(n.body()).isEmpty();
        });
    }

    @Test
    void aFailedNotificationIsRetriedUntilTheReceiverTakesIt() {
        Patient patient = newPatient("Retried");
        String subscription = create(restHook("Patient?" + Fhir.identifierQuery(patient), receiver.url("/hook")));
        receiver.answerNext(500, 503);

        String id = create(patient);

        List<Receiver.Request> attempts = receiver.await(3, r -> true, WAIT);
        assertThat(attempts).hasSize(3).extracting(r -> r.header("X-Notification-Id"))
                .containsOnly("Subscription/" + subscription + "/Patient/" + id + "/_history/1");
        assertThat(Duration.between(attempts.get(0).at(), attempts.get(2).at())).as("backing off 100 ms, then 200 ms")
                .isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(read(subscription).getStatus()).isEqualTo(SubscriptionStatus.ACTIVE);
    }

    @Test
    void anEndpointThatKeepsFailingSetsTheSubscriptionToErrorAndReactivatingDeliversWhatWasHeld() {
        Patient patient = newPatient("Unreachable");
        String subscription = create(restHook("Patient?" + Fhir.identifierQuery(patient), receiver.url("/down")));
        receiver.answerAlways(503);
        String id = create(patient);

        Subscription failed = awaitStatus(subscription, SubscriptionStatus.ERROR);
        assertThat(failed.getError()).startsWith("Notifications failed for PT3S; the last attempt: "
                + receiver.url("/down") + " answered HTTP 503.");
        int attempts = receiver.requests().size();
        assertThat(receiver.await(attempts + 1, r -> true, Duration.ofMillis(500))).as("no attempts while in error")
                .hasSize(attempts);

        receiver.answerAlways(200);
        failed.setStatus(SubscriptionStatus.ACTIVE);
        Subscription reactivated = parse(fhir(failed).put("/Subscription/" + subscription)
                .then().statusCode(200).extract().response(), Subscription.class);
        assertThat(reactivated.hasError()).isFalse();

        assertThat(receiver.await(attempts + 1, r -> true, WAIT)).hasSize(attempts + 1).last()
                .satisfies(r -> assertThat(r.header("X-Notification-Id")).endsWith("/Patient/" + id + "/_history/1"));
    }

    @Test
    void aSubscriptionThatIsOffSendsNothing() {
        Patient patient = newPatient("Quiet");
        Subscription off = restHook("Patient?" + Fhir.identifierQuery(patient), receiver.url("/hook"));
        off.setStatus(SubscriptionStatus.OFF);
        create(off);

        create(patient);

        assertThat(receiver.await(1, r -> true, Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void subscriptionsTheServerCannotHonourAreRefusedWithTheReason() {
        Subscription websocket = restHook("Observation?code=http://loinc.org|44261-6", null);
        websocket.getChannel().setType(SubscriptionChannelType.WEBSOCKET);
        assertRefused(websocket, "Subscription.channel.type must be rest-hook; this server delivers no other channel");

        assertRefused(restHook("Observation?code=http://loinc.org|44261-6", "https://ehr.example.org/hook"),
                "Subscription.channel.endpoint https://ehr.example.org/hook is not allowed by this server"
                        + " (ketamine.subscriptions.allowed-endpoints)");
        assertRefused(restHook("Observation?code=http://loinc.org|44261-6", "ftp://localhost:21/hook"),
                "Subscription.channel.endpoint must be an absolute http or https URL");
        Subscription text = restHook("Observation?code=http://loinc.org|44261-6", receiver.url("/hook"));
        text.getChannel().setPayload("text/plain");
        assertRefused(text, "Subscription.channel.payload must be empty or one of [application/fhir+json,"
                + " application/fhir+xml, application/json, application/xml]");
        assertRefused(restHook("Medicine?code=x", receiver.url("/hook")),
                "Subscription.criteria must start with a resource type: 'Medicine' is none");
        Response chained = fhir(restHook("Observation?subject.name=Smith", receiver.url("/hook"))).post("/Subscription");
        chained.then().statusCode(422);
        assertThat(diagnostics(chained)).singleElement().asString()
                .startsWith("Subscription.criteria Observation?subject.name=Smith cannot be matched as resources are stored");
    }

    @Test
    void aClientMaySubscribeOnlyToWhatItCouldReadInFull() {
        String subscriber = Tokens.of(RestAssured.port, Tokens.SUBSCRIBER);
        fhir(restHook("Observation?code=http://loinc.org|44261-6", receiver.url("/hook")))
                .auth().oauth2(subscriber)
                .post("/Subscription")
                .then().statusCode(201);

        Response alerts = fhir(restHook("DetectedIssue?", receiver.url("/hook")))
                .auth().oauth2(subscriber)
                .post("/Subscription");
        alerts.then().statusCode(403);
        assertThat(diagnostics(alerts)).containsExactly("A Subscription to DetectedIssue sends every matching"
                + " DetectedIssue to its endpoint; the token needs system/DetectedIssue.rs (or user/DetectedIssue.rs)"
                + " to write it");

        fhir(restHook("Observation?", receiver.url("/hook")))
                .auth().oauth2(Tokens.of(RestAssured.port, Tokens.PATIENT_APP))
                .post("/Subscription")
                .then().statusCode(403);
    }

    private void assertRefused(Subscription subscription, String reason) {
        Response response = fhir(subscription).post("/Subscription");
        response.then().statusCode(422);
        assertThat(diagnostics(response)).containsExactly(reason);
    }

    private static Subscription restHook(String criteria, String endpoint) {
        Subscription subscription = new Subscription();
        subscription.setStatus(SubscriptionStatus.REQUESTED);
        subscription.setReason("Test notifications");
        subscription.setCriteria(criteria);
        subscription.getChannel().setType(SubscriptionChannelType.RESTHOOK).setEndpoint(endpoint);
        return subscription;
    }

    private static Subscription read(String id) {
        return parse(fhir().get("/Subscription/" + id).then().statusCode(200).extract().response(), Subscription.class);
    }

    private static Subscription awaitStatus(String id, SubscriptionStatus status) {
        Subscription subscription = Poll.until(() -> read(id), s -> s.getStatus() == status, WAIT);
        assertThat(subscription.getStatus()).isEqualTo(status);
        return subscription;
    }
}
