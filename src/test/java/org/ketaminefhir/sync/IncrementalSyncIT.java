package org.ketaminefhir.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaminefhir.support.Fhir.create;
import static org.ketaminefhir.support.Fhir.fhir;
import static org.ketaminefhir.support.Fhir.newPatient;
import static org.ketaminefhir.support.Fhir.searchBundle;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.ketaminefhir.support.FhirServerTest;
import org.ketaminefhir.support.Forms;

/** The pull pattern the README documents for EHRs, exactly as written there. */
@FhirServerTest
class IncrementalSyncIT {

    @Test
    void typeHistorySinceACursorAndSearchesWithoutDerivedData() {
        String cursor = Instant.now().minus(1, ChronoUnit.SECONDS).truncatedTo(ChronoUnit.SECONDS).toString();
        String patient = create(newPatient("Synced"));
        create(Forms.phq9(patient, 1, 1, 1, 1, 1, 1, 1, 1, 1));

        Bundle history = searchBundle(fhir().get("/Patient/_history?_since=" + cursor + "&_count=500"));
        assertThat(history.getEntry()).isNotEmpty()
                .allSatisfy(e -> assertThat(e.getResource().fhirType()).isEqualTo("Patient"))
                .anySatisfy(e -> assertThat(e.getResource().getIdElement().getIdPart()).isEqualTo(patient));

        Bundle ehrOnly = searchBundle(fhir().get("/Observation?patient=" + patient + "&_lastUpdated=ge" + cursor
                + "&_sort=_lastUpdated&_tag:not=https://ketamine-fhir.org/ig/CodeSystem/ketamine-concepts|server-derived"));
        assertThat(ehrOnly.getEntry()).isEmpty();
        Bundle all = searchBundle(fhir().get("/Observation?patient=" + patient + "&_lastUpdated=ge" + cursor));
        assertThat(all.getEntry()).hasSize(10);
    }
}
