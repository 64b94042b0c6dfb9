package org.ketaminefhir.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.ketaminefhir.support.Fhir.create;
import static org.ketaminefhir.support.Fhir.diagnostics;
import static org.ketaminefhir.support.Fhir.fhir;
import static org.ketaminefhir.support.Fhir.newPatient;
import static org.ketaminefhir.support.Fhir.searchBundle;
import static org.ketaminefhir.support.Fhir.uniqueValue;

import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ketaminefhir.support.FhirServerTest;
import org.ketaminefhir.support.Sessions;
import org.springframework.beans.factory.annotation.Autowired;

@FhirServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnindexedSearchParametersIT {

    private static final String SYSTOLIC = "http://loinc.org|8480-6";

    private String patientId;
    private String bloodPressureId;

    @BeforeAll
    void storeABloodPressure() {
        patientId = create(newPatient("Unindexed" + uniqueValue().substring(0, 8)));
        String session = "Procedure/" + create(Sessions.session(patientId, "2026-05-04T09:00:00Z", "2026-05-04T10:00:00Z"));
        bloodPressureId = create(Sessions.bloodPressure(patientId, session, 128, 82, "2026-05-04T09:10:00Z", "dosing"));
    }

    @Test
    void observationComboParametersAnswer400WithTheParameterNamed() {
        Map<String, String> comboQueries = Map.of(
                "combo-code", SYSTOLIC,
                "combo-value-quantity", "gt120",
                "combo-value-concept", "http://snomed.info/sct|260385009",
                "combo-data-absent-reason", "unknown",
                "combo-code-value-quantity", SYSTOLIC + "$gt120",
                "combo-code-value-concept", SYSTOLIC + "$http://snomed.info/sct|260385009");
        comboQueries.forEach((parameter, value) -> {
            Response response = fhir().queryParam("patient", patientId).queryParam(parameter, value).get("/Observation");
            response.then().statusCode(400).body("resourceType", equalTo("OperationOutcome"));
            assertThat(diagnostics(response))
                    .anySatisfy(d -> assertThat(d).contains("Unknown search parameter \"" + parameter + "\""));
        });
    }

    @Test
    void aStoredObservationHasNoIndexRowsForThem(@Autowired DataSource dataSource) throws Exception {
        String byParameter = """
                SELECT t.SP_NAME, COUNT(*) FROM (
                  SELECT SP_NAME, RES_ID FROM HFJ_SPIDX_TOKEN UNION ALL SELECT SP_NAME, RES_ID FROM HFJ_SPIDX_QUANTITY
                ) t JOIN HFJ_RESOURCE r ON r.RES_ID = t.RES_ID
                WHERE r.RES_TYPE = 'Observation' AND r.FHIR_ID = ? GROUP BY t.SP_NAME""";
        Map<String, Long> rows = new java.util.TreeMap<>();
        try (var connection = dataSource.getConnection(); var query = connection.prepareStatement(byParameter)) {
            query.setString(1, bloodPressureId);
            try (var result = query.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), result.getLong(2));
                }
            }
        }
        assertThat(rows).containsEntry("code", 1L).containsEntry("component-code", 2L)
                .containsEntry("component-value-quantity", 2L)
                .allSatisfy((parameter, count) -> assertThat(parameter).doesNotStartWith("combo-"));
    }

    @Test
    void theSameQuestionsAreAnsweredByTheIndexedParameters() {
        assertThat(ids("code=http://loinc.org|85354-9")).containsExactly(bloodPressureId);
        assertThat(ids("component-code=" + SYSTOLIC)).containsExactly(bloodPressureId);
        assertThat(ids("component-value-quantity=gt120")).containsExactly(bloodPressureId);
        assertThat(ids("component-value-quantity=gt130")).isEmpty();
    }

    @Test
    void theCapabilityStatementListsOnlyTheIndexedParameters() {
        List<String> observationParameters = fhir().get("/metadata").then().statusCode(200).extract().jsonPath()
                .getList("rest[0].resource.find { it.type == 'Observation' }.searchParam.name");
        assertThat(observationParameters).contains("code", "component-code", "component-value-quantity", "value-quantity")
                .noneMatch(name -> name.startsWith("combo-"));
        List<String> auditEventParameters = fhir().get("/metadata").then().extract().jsonPath()
                .getList("rest[0].resource.find { it.type == 'AuditEvent' }.searchParam.name");
        assertThat(auditEventParameters).contains("patient", "entity", "date")
                .doesNotContain("address", "entity-type", "entity-role");
    }

    private List<String> ids(String query) {
        Bundle bundle = searchBundle(fhir().get("/Observation?patient=" + patientId + "&" + query));
        return bundle.getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
    }
}
