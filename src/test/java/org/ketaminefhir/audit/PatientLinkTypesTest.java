package org.ketaminefhir.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PatientLinkTypesTest {

    @Test
    void theSourceTypeIsWhatThePathBeginsWith() {
        assertThat(PatientLinkTypes.sourceType("Observation.subject")).isEqualTo("Observation");
        assertThat(PatientLinkTypes.sourceType("AuditEvent.entity.what")).isEqualTo("AuditEvent");
        assertThat(PatientLinkTypes.sourceType("Flag.subject.where(resolve() is Patient)")).isEqualTo("Flag");
        assertThat(PatientLinkTypes.sourceType(" (Observation.value as Reference)")).isEqualTo("Observation");
    }
}
