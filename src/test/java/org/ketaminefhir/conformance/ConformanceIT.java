package org.ketaminefhir.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaminefhir.support.Fhir.fhir;
import static org.ketaminefhir.support.Fhir.parse;
import static org.ketaminefhir.support.Fhir.searchBundle;

import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ketaminefhir.support.FhirServerTest;
import org.springframework.beans.factory.annotation.Autowired;

/** The guide as a client sees it: loaded at start-up, browsable through the FHIR API, and usable by $validate. */
@FhirServerTest
class ConformanceIT {

    @Autowired
    GuideCatalog catalog;

    @Autowired
    ConformanceLoader loader;

    static List<String> profileIds() {
        return GuideResources.read(ca.uhn.fhir.context.FhirContext.forR4Cached()).stream()
                .filter(r -> r instanceof StructureDefinition sd
                        && sd.getKind() == StructureDefinition.StructureDefinitionKind.RESOURCE)
                .map(r -> r.getIdElement().getIdPart())
                .toList();
    }

    @Test
    void everyResourceOfTheGuideIsServedOnceByItsUrl() {
        for (Resource resource : catalog.resources()) {
            String url = resource.getNamedProperty("url").getValues().get(0).primitiveValue();
            Bundle found = searchBundle(fhir().get("/" + resource.fhirType() + "?url=" + url));
            assertThat(found.getEntry()).as(url).hasSize(1);
            assertThat(found.getEntryFirstRep().getResource().getIdElement().getIdPart())
                    .isEqualTo(resource.getIdElement().getIdPart());
        }
    }

    @ParameterizedTest
    @MethodSource("profileIds")
    void profilesAreStoredWithAGeneratedSnapshot(String id) {
        StructureDefinition stored = parse(fhir().get("/StructureDefinition/" + id), StructureDefinition.class);

        assertThat(stored.getSnapshot().getElement()).hasSizeGreaterThan(stored.getDifferential().getElement().size());
        assertThat(stored.getSnapshot().getElementFirstRep().getPath()).isEqualTo(stored.getType());
    }

    @ParameterizedTest
    @MethodSource("profileIds")
    void validateWithAProfileParameterReportsThatProfilesRules(String id) {
        StructureDefinition profile = parse(fhir().get("/StructureDefinition/" + id), StructureDefinition.class);
        String empty = "{\"resourceType\":\"" + profile.getType() + "\"}";

        Response response = fhir().body(empty).post("/" + profile.getType() + "/$validate?profile=" + profile.getUrl());

        response.then().statusCode(200);
        List<String> errors = parse(response, OperationOutcome.class).getIssue().stream()
                .filter(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR)
                .map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                .toList();
        assertThat(errors).anySatisfy(e -> assertThat(e).contains("(from " + profile.getUrl()));
    }

    @Test
    void questionnairesAreFoundByUrlAndByItemCode() {
        Bundle byUrl = searchBundle(fhir().get("/Questionnaire?url=" + KetamineIg.canonical("Questionnaire", "phq-9")));
        Questionnaire phq9 = (Questionnaire) byUrl.getEntryFirstRep().getResource();
        assertThat(phq9.getItem()).hasSize(11);
        assertThat(phq9.getItemFirstRep().getAnswerOption()).hasSize(4);

        Bundle byItemCode = searchBundle(fhir().get("/Questionnaire?code=http://loinc.org|44250-9"));
        assertThat(byItemCode.getEntry())
                .extracting(e -> e.getResource().getIdElement().getIdPart())
                .contains("phq-9");
    }

    @Test
    void capabilityStatementNamesTheGuideAndItsProfiles() {
        CapabilityStatement capabilities = parse(fhir().get("/metadata"), CapabilityStatement.class);

        assertThat(capabilities.getImplementationGuide()).extracting(CanonicalType::getValue)
                .containsExactly(KetamineIg.canonical("ImplementationGuide", KetamineIg.IMPLEMENTATION_GUIDE_ID));
        Map<String, List<String>> supported = capabilities.getRestFirstRep().getResource().stream()
                .collect(Collectors.toMap(
                        r -> r.getType(),
                        r -> r.getSupportedProfile().stream().map(CanonicalType::getValue).toList()));
        assertThat(supported.get("Procedure")).contains(KetamineIg.canonical("StructureDefinition", "ketamine-session"));
        assertThat(supported.get("Observation")).contains(
                KetamineIg.canonical("StructureDefinition", "ketamine-outcome-score"),
                KetamineIg.canonical("StructureDefinition", "ketamine-heart-rate"));
    }

    @Test
    void theNpmPackageCanBeDownloaded() throws Exception {
        Response current = io.restassured.RestAssured.given().basePath("").get("/packages/ketamine-fhir.ig");
        Response versioned = io.restassured.RestAssured.given().basePath("").get("/packages/ketamine-fhir.ig/0.1.0");

        current.then().statusCode(200).contentType("application/tar+gzip");
        versioned.then().statusCode(200);
        org.hl7.fhir.utilities.npm.NpmPackage npm =
                org.hl7.fhir.utilities.npm.NpmPackage.fromPackage(new java.io.ByteArrayInputStream(versioned.asByteArray()));
        assertThat(npm.name()).isEqualTo("ketamine-fhir.ig");
        io.restassured.RestAssured.given().basePath("").get("/packages/ketamine-fhir.ig/9.9.9").then().statusCode(404);
    }

    private static org.hl7.fhir.r4.model.ImplementationGuide storedGuide() {
        return parse(fhir().get("/ImplementationGuide/" + KetamineIg.IMPLEMENTATION_GUIDE_ID),
                org.hl7.fhir.r4.model.ImplementationGuide.class);
    }

    @Test
    void theStoredGuideCarriesTheHashOfItsContent() {
        assertThat(ConformanceLoader.storedHash(storedGuide())).isEqualTo(catalog.contentHash()).hasSize(64);
    }

    @Test
    void loadingAgainCreatesNoDuplicatesAndNoNewVersions() throws Exception {
        String profileVersion = parse(fhir().get("/StructureDefinition/ketamine-session"), StructureDefinition.class)
                .getMeta()
                .getVersionId();
        String guideVersion = storedGuide().getMeta().getVersionId();

        loader.run(null);

        StructureDefinition after = parse(fhir().get("/StructureDefinition/ketamine-session"), StructureDefinition.class);
        assertThat(after.getMeta().getVersionId()).isEqualTo(profileVersion);
        assertThat(storedGuide().getMeta().getVersionId()).isEqualTo(guideVersion);
        assertThat(searchBundle(fhir().get("/StructureDefinition?url=" + after.getUrl())).getEntry()).hasSize(1);
    }

    @Test
    void aGuideWhoseStoredHashDiffersIsLoadedAgain() throws Exception {
        org.hl7.fhir.r4.model.ImplementationGuide stale = storedGuide();
        stale.getExtension().removeIf(e -> ConformanceLoader.CONTENT_HASH_EXTENSION.equals(e.getUrl()));
        fhir().body(org.ketaminefhir.support.Fhir.encode(stale))
                .put("/ImplementationGuide/" + KetamineIg.IMPLEMENTATION_GUIDE_ID)
                .then()
                .statusCode(200);
        String profileVersion = parse(fhir().get("/StructureDefinition/ketamine-session"), StructureDefinition.class)
                .getMeta()
                .getVersionId();

        loader.run(null);

        assertThat(ConformanceLoader.storedHash(storedGuide())).isEqualTo(catalog.contentHash());
        assertThat(parse(fhir().get("/StructureDefinition/ketamine-session"), StructureDefinition.class)
                        .getMeta()
                        .getVersionId())
                .as("an unchanged profile is not given a new version")
                .isEqualTo(profileVersion);
    }
}
