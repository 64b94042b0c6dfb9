package org.ketaminefhir.intake.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaminefhir.intake.rules.PatientEvidenceBuilder.patient;

import org.junit.jupiter.api.Test;

class PatientEvidenceTest {

    @Test
    void emptyOnlyWhenThereIsNothingAtAll() {
        assertThat(patient().build().isEmpty()).isTrue();
        assertThat(patient().intake().build().isEmpty()).isFalse();
        assertThat(patient().condition("Condition/1").build().isEmpty()).isFalse();
        assertThat(patient().medication("MedicationRequest/1").build().isEmpty()).isFalse();
        assertThat(patient().pregnancyStatus("Observation/1").build().isEmpty()).isFalse();
        assertThat(patient().bloodPressure("Observation/2", 120, 80).build().isEmpty()).isFalse();
    }

    @Test
    void recordEvidenceLeavesOutTheIntakeForm() {
        assertThat(patient().intake().build().hasRecordEvidence()).isFalse();
        assertThat(patient().intake().bloodPressure("Observation/2", 120, 80).build().hasRecordEvidence()).isTrue();
    }

    @Test
    void listsAreCopiedAndUnmodifiable() {
        PatientEvidence evidence = patient().condition("Condition/1").medication("MedicationRequest/1").build();

        assertThat(evidence.conditions()).isUnmodifiable();
        assertThat(evidence.medications()).isUnmodifiable();
    }
}
