package org.ketaminefhir.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.ImplementationGuide;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.Test;

/**
 * Hygiene of {@code profiles/}: every file is one strictly valid FHIR R4 resource, in the folder of its type, whose id
 * is the file name and whose canonical URL is on the guide's base; the ImplementationGuide lists every file. All
 * problems are collected into one report.
 */
class ProfilesFolderTest {

    private static final Path PROFILES = Path.of("profiles");

    private static IParser strictParser() {
        FhirContext context = FhirContext.forR4Cached();
        return context.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
    }

    private static List<Path> files() throws IOException {
        try (Stream<Path> walk = Files.walk(PROFILES)) {
            return walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void everyFileIsAConsistentConformanceResource() throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> files = files();
        assertThat(files).hasSizeGreaterThan(30);
        for (Path file : files) {
            String stem = file.getFileName().toString().replace(".json", "");
            Resource resource;
            try {
                resource = (Resource) strictParser().parseResource(Files.readString(file));
            } catch (RuntimeException e) {
                problems.add(file + ": does not parse: " + e.getMessage());
                continue;
            }
            if (!resource.fhirType().equals(file.getParent().getFileName().toString())) {
                problems.add(file + ": a " + resource.fhirType() + " in the folder " + file.getParent().getFileName());
            }
            if (!stem.equals(resource.getIdElement().getIdPart())) {
                problems.add(file + ": id " + resource.getIdElement().getIdPart() + " is not the file name");
            }
            String url = canonicalUrl(resource);
            String expected = KetamineIg.canonical(resource.fhirType(), stem);
            if (!expected.equals(url)) {
                problems.add(file + ": url " + url + ", expected " + expected);
            }
            if (resource instanceof StructureDefinition definition
                    && !definition.getDifferential().hasElement()) {
                problems.add(file + ": a profile without a differential");
            }
        }
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }

    @Test
    void theImplementationGuideListsEveryResource() throws IOException {
        Path guideFile = PROFILES.resolve("ImplementationGuide/" + KetamineIg.IMPLEMENTATION_GUIDE_ID + ".json");
        ImplementationGuide guide = strictParser().parseResource(ImplementationGuide.class, Files.readString(guideFile));
        Set<String> listed = guide.getDefinition().getResource().stream()
                .map(r -> r.getReference().getReference())
                .collect(Collectors.toSet());
        Set<String> present = files().stream()
                .filter(f -> !f.equals(guideFile))
                .map(f -> f.getParent().getFileName() + "/" + f.getFileName().toString().replace(".json", ""))
                .collect(Collectors.toSet());

        assertThat(listed).isEqualTo(present);
        assertThat(guide.getPackageId()).isEqualTo("ketamine-fhir.ig");
    }

    @Test
    void profilesLoadInDependencyOrder() {
        List<Resource> ordered = GuideResources.read(FhirContext.forR4Cached());
        List<String> seen = new ArrayList<>();
        for (Resource resource : ordered) {
            if (resource instanceof StructureDefinition definition
                    && definition.getBaseDefinition().startsWith(KetamineIg.CANONICAL_BASE)) {
                assertThat(seen).as("base of " + definition.getUrl()).contains(definition.getBaseDefinition());
            }
            seen.add(canonicalUrl(resource));
        }
        assertThat(ordered.get(0).fhirType()).isEqualTo("CodeSystem");
        assertThat(ordered.get(ordered.size() - 1).fhirType()).isEqualTo("ImplementationGuide");
    }

    private static String canonicalUrl(Resource resource) {
        return resource.getNamedProperty("url").getValues().stream()
                .map(v -> ((IPrimitiveType<?>) v).getValueAsString())
                .findFirst()
                .orElse(null);
    }
}
