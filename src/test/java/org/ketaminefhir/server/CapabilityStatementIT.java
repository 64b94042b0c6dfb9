package org.ketaminefhir.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaminefhir.support.Fhir.fhir;
import static org.ketaminefhir.support.Fhir.parse;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import ca.uhn.fhir.util.VersionUtil;
import io.restassured.response.Response;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent;
import org.junit.jupiter.api.Test;
import org.ketaminefhir.support.FhirServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.info.BuildProperties;
import org.springframework.mock.web.MockHttpServletRequest;

@FhirServerTest
class CapabilityStatementIT {

    @Autowired
    FhirEndpoint endpoint;

    @Autowired
    IFhirSystemDao<?, ?> systemDao;

    @Autowired
    JpaStorageSettings storageSettings;

    @Autowired
    ISearchParamRegistry searchParamRegistry;

    @Autowired
    IValidationSupport validationSupport;

    @Autowired
    FhirContext fhirContext;

    @Autowired
    BuildProperties build;

    @Test
    void metadataDescribesAnR4ServerWithTheClinicalResourcesAndTheirSearchParameters() {
        Response response = fhir().get("/metadata");

        response.then().statusCode(200).contentType("application/fhir+json");
        CapabilityStatement capabilities = parse(response, CapabilityStatement.class);
        assertThat(capabilities.getFhirVersion().toCode()).isEqualTo("4.0.1");
        assertThat(capabilities.getKind()).isEqualTo(CapabilityStatement.CapabilityStatementKind.INSTANCE);
        assertThat(capabilities.getSoftware().getName()).isEqualTo("Ketamine FHIR Server");
        assertThat(capabilities.getSoftware().getVersion())
                .isEqualTo(build.getVersion())
                .isNotEqualTo(VersionUtil.getVersion());

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

    @Test
    void theStatementIsTheOneHapisOwnProviderBuildsForTheSameRequest() {
        ServletRequestDetails request = metadataRequest();
        JpaCapabilityStatementProvider hapis = new JpaCapabilityStatementProvider(
                endpoint.server(), systemDao, storageSettings, searchParamRegistry, validationSupport);
        hapis.setImplementationDescription("Ketamine FHIR Server");

        Object provider = endpoint.server().getServerConformanceProvider();
        assertThat(provider).isInstanceOf(BuildScopedCapabilityStatementProvider.class);

        CapabilityStatement ours = (CapabilityStatement) ((BuildScopedCapabilityStatementProvider) provider)
                .getServerConformance(request.getServletRequest(), request);
        CapabilityStatement reference =
                (CapabilityStatement) hapis.getServerConformance(request.getServletRequest(), request);

        assertThat(comparable(ours)).isEqualTo(comparable(reference));
        CapabilityStatementRestResourceComponent patient = ours.getRestFirstRep().getResource().stream()
                .filter(resource -> resource.getType().equals("Patient"))
                .findFirst()
                .orElseThrow();
        assertThat(patient.getSearchRevInclude())
                .extracting(revInclude -> revInclude.getValue())
                .contains("Observation:patient", "Encounter:patient");
        assertThat(patient.getSearchParam())
                .extracting(CapabilityStatementRestResourceSearchParamComponent::getName)
                .contains("_lastUpdated", "family");
    }

    private ServletRequestDetails metadataRequest() {
        MockHttpServletRequest servletRequest = new MockHttpServletRequest("GET", "/fhir/metadata");
        servletRequest.setServletPath("/fhir");
        ServletRequestDetails request = new ServletRequestDetails();
        request.setServer(endpoint.server());
        request.setServletRequest(servletRequest);
        return request;
    }

    /** The statement's JSON without what may differ between two builds: a random id, and the time when no build time is known. */
    private String comparable(CapabilityStatement statement) {
        CapabilityStatement copy = statement.copy();
        copy.setId((String) null);
        copy.setDate(null);
        return fhirContext.newJsonParser().setPrettyPrint(true).encodeResourceToString(copy);
    }

    private static java.util.List<String> searchParams(CapabilityStatementRestResourceComponent resource) {
        return resource.getSearchParam().stream()
                .map(CapabilityStatementRestResourceSearchParamComponent::getName)
                .toList();
    }
}
