package org.ketaminefhir.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaminefhir.support.Fhir.fhir;
import static org.ketaminefhir.support.Fhir.parse;

import io.restassured.response.Response;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent;
import org.junit.jupiter.api.Test;
import org.ketaminefhir.support.FhirServerTest;

@FhirServerTest
class CapabilityStatementIT {

    @Test
    void metadataDescribesAnR4ServerWithTheClinicalResourcesAndTheirSearchParameters() {
        Response response = fhir().get("/metadata");

        response.then().statusCode(200).contentType("application/fhir+json");
        CapabilityStatement capabilities = parse(response, CapabilityStatement.class);
        assertThat(capabilities.getFhirVersion().toCode()).isEqualTo("4.0.1");
        assertThat(capabilities.getKind()).isEqualTo(CapabilityStatement.CapabilityStatementKind.INSTANCE);
        assertThat(capabilities.getSoftware().getName()).isEqualTo("Ketamine FHIR Server");

        Map<String, CapabilityStatementRestResourceComponent> resources =
                capabilities.getRestFirstRep().getResource().stream()
                        .collect(Collectors.toMap(r -> r.getType(), r -> r));
        assertThat(resources)
                .containsKeys(
                        "Patient",
                        "Questionnaire",
                        "QuestionnaireResponse",
                        "Observation",
                        "Procedure",
                        "MedicationAdministration",
                        "DetectedIssue",
                        "RiskAssessment");
        assertThat(searchParams(resources.get("Patient")))
                .contains("identifier", "name", "family", "birthdate", "gender");
        assertThat(searchParams(resources.get("Observation")))
                .contains("patient", "subject", "code", "category", "date", "value-quantity", "status");
        assertThat(searchParams(resources.get("QuestionnaireResponse")))
                .contains("patient", "questionnaire", "authored");
        assertThat(resources.get("Patient").getOperation())
                .extracting(o -> o.getName())
                .contains("everything", "validate");
    }

    private static java.util.List<String> searchParams(CapabilityStatementRestResourceComponent resource) {
        return resource.getSearchParam().stream()
                .map(CapabilityStatementRestResourceSearchParamComponent::getName)
                .toList();
    }
}
