package org.ketaminefhir.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.InputStream;
import java.util.List;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/** The NPM package the build puts in the jar, opened with the HL7 core library's package reader. */
class GuidePackageTest {

    static NpmPackage open() throws Exception {
        try (InputStream in = new ClassPathResource("packages/ketamine-fhir.ig-0.1.0.tgz").getInputStream()) {
            return NpmPackage.fromPackage(in);
        }
    }

    @Test
    void theBuildProducesALoadablePackageOfTheWholeGuide() throws Exception {
        NpmPackage npm = open();

        assertThat(npm.name()).isEqualTo("ketamine-fhir.ig");
        assertThat(npm.version()).isEqualTo("0.1.0");
        assertThat(npm.fhirVersion()).isEqualTo("4.0.1");
        int guideSize = GuideResources.read(FhirContext.forR4Cached()).size();
        List<String> files = npm.listResources(
                "StructureDefinition", "ValueSet", "CodeSystem", "Questionnaire", "OperationDefinition",
                "ImplementationGuide");
        assertThat(files).hasSize(guideSize).contains("StructureDefinition-ketamine-session.json");
    }

    @Test
    void everyProfileInThePackageHasASnapshot() throws Exception {
        NpmPackage npm = open();
        for (String file : npm.listResources("StructureDefinition")) {
            try (InputStream in = npm.loadResource(file)) {
                StructureDefinition definition =
                        FhirContext.forR4Cached().newJsonParser().parseResource(StructureDefinition.class, in);
                assertThat(definition.getSnapshot().getElement()).as(file).isNotEmpty();
            }
        }
    }
}
