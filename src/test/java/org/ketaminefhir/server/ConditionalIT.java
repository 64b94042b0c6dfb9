package org.ketaminefhir.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaminefhir.support.Fhir.TEST_SYSTEM;
import static org.ketaminefhir.support.Fhir.encode;
import static org.ketaminefhir.support.Fhir.fhir;
import static org.ketaminefhir.support.Fhir.identifierQuery;
import static org.ketaminefhir.support.Fhir.idFromLocation;
import static org.ketaminefhir.support.Fhir.newPatient;
import static org.ketaminefhir.support.Fhir.parse;
import static org.ketaminefhir.support.Fhir.searchBundle;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.ketaminefhir.support.FhirServerTest;

@FhirServerTest
class ConditionalIT {


    private static List<Bundle.BundleEntryComponent> matches(Patient patient) {
        return searchBundle(fhir().get("/Patient?" + identifierQuery(patient))).getEntry();
    }

    @Test
    void conditionalCreateReturnsTheExistingResourceInsteadOfADuplicate() {
        Patient patient = newPatient("Abara");

        Response first = fhir(patient).header("If-None-Exist", identifierQuery(patient)).post("/Patient");
        Response second = fhir(patient).header("If-None-Exist", identifierQuery(patient)).post("/Patient");

        first.then().statusCode(201);
        second.then().statusCode(200);
        assertThat(idFromLocation(second.header("Location"))).isEqualTo(idFromLocation(first.header("Location")));
        assertThat(matches(patient)).hasSize(1);
    }

    @Test
    void conditionalUpdateCreatesThenUpdatesTheSameResource() {
        Patient patient = newPatient("Brennan");

        Response created = fhir(patient).put("/Patient?" + identifierQuery(patient));
        patient.getNameFirstRep().setFamily("Brennan-Ruiz");
        Response updated = fhir(patient).put("/Patient?" + identifierQuery(patient));

        created.then().statusCode(201);
        updated.then().statusCode(200).header("ETag", "W/\"2\"");
        assertThat(idFromLocation(updated.header("Content-Location")))
                .isEqualTo(idFromLocation(created.header("Content-Location")));
        List<Bundle.BundleEntryComponent> found = matches(patient);
        assertThat(found).hasSize(1);
        assertThat(((Patient) found.get(0).getResource()).getNameFirstRep().getFamily()).isEqualTo("Brennan-Ruiz");
    }

    @Test
    void conditionalUpdateMatchingSeveralResourcesIsRefused() {
        Patient first = newPatient("Castillo");
        Patient second = newPatient("Castillo");
        second.getIdentifierFirstRep().setValue(first.getIdentifierFirstRep().getValue());
        fhir(first).post("/Patient").then().statusCode(201);
        fhir(second).post("/Patient").then().statusCode(201);

        Response response = fhir(first).put("/Patient?" + identifierQuery(first));

        response.then().statusCode(412);
        assertThat(matches(first)).hasSize(2);
    }

    @Test
    void eightParallelIdenticalConditionalCreatesLeaveExactlyOneResource() throws Exception {
        Patient patient = newPatient("Dossou");
        String body = encode(patient);
        int clients = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<Response>> results = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                Callable<Response> create = () -> {
                    start.await();
                    return fhir().body(body)
                            .header("If-None-Exist", identifierQuery(patient))
                            .post("/Patient");
                };
                results.add(pool.submit(create));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (Future<Response> result : results) {
                Response response = result.get();
                statuses.add(response.statusCode());
                ids.add(idFromLocation(response.header("Location")));
            }

            assertThat(statuses).containsOnly(200, 201).containsOnlyOnce(201);
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
        List<Bundle.BundleEntryComponent> found = matches(patient);
        assertThat(found).hasSize(1);
        assertThat(parse(fhir().get("/Patient/" + found.get(0).getResource().getIdElement().getIdPart()), Patient.class)
                        .getMeta()
                        .getVersionId())
                .isEqualTo("1");
    }
}
