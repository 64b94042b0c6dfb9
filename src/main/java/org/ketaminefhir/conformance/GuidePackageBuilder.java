package org.ketaminefhir.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.r4.model.ImplementationGuide;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * Builds the guide as an NPM FHIR package ({@code package/package.json}, {@code package/.index.json} and one file per
 * resource, profiles with generated snapshots), the form other servers and the HL7 validator load. The Maven build
 * runs it (phase process-classes) so the package lands inside the jar; the server serves it for download.
 */
public final class GuidePackageBuilder {

    static final String PACKAGES_FOLDER = "packages";

    private GuidePackageBuilder() {}

    /** Argument: the folder to write {@code <packageId>-<version>.tgz} into. */
    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        Files.createDirectories(folder);
        FhirContext fhirContext = FhirContext.forR4Cached();
        List<Resource> resources = withSnapshots(fhirContext, GuideResources.read(fhirContext));
        ImplementationGuide guide = guide(resources);
        Path target = folder.resolve(fileName(guide));
        try (OutputStream out = Files.newOutputStream(target)) {
            write(fhirContext, resources, guide, out);
        }
    }

    static String fileName(ImplementationGuide guide) {
        return guide.getPackageId() + "-" + guide.getVersion() + ".tgz";
    }

    static ImplementationGuide guide(List<Resource> resources) {
        return resources.stream()
                .filter(ImplementationGuide.class::isInstance)
                .map(ImplementationGuide.class::cast)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("profiles/ has no ImplementationGuide"));
    }

    static List<Resource> withSnapshots(FhirContext fhirContext, List<Resource> ordered) {
        PrePopulatedValidationSupport guideSoFar = new PrePopulatedValidationSupport(fhirContext);
        ValidationSupportChain chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(fhirContext),
                new InMemoryTerminologyServerValidationSupport(fhirContext),
                new CommonCodeSystemsTerminologyService(fhirContext),
                guideSoFar,
                new SnapshotGeneratingValidationSupport(fhirContext));
        List<Resource> result = new ArrayList<>();
        for (Resource resource : ordered) {
            Resource complete = resource instanceof StructureDefinition definition
                    ? Snapshots.generate(chain, definition)
                    : resource;
            guideSoFar.addResource(complete);
            chain.invalidateCaches();
            result.add(complete);
        }
        return result;
    }

    static void write(FhirContext fhirContext, List<Resource> resources, ImplementationGuide guide, OutputStream out)
            throws IOException {
        ObjectMapper json = new ObjectMapper();
        ArrayNode index = json.createArrayNode();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Resource resource : resources) {
                String file = resource.fhirType() + "-" + resource.getIdElement().getIdPart() + ".json";
                add(tar, "package/" + file, fhirContext.newJsonParser().setPrettyPrint(true).encodeResourceToString(resource));
                ObjectNode entry = index.addObject()
                        .put("filename", file)
                        .put("resourceType", resource.fhirType())
                        .put("id", resource.getIdElement().getIdPart());
                resource.getNamedProperty("url").getValues().forEach(url -> entry.put("url", url.primitiveValue()));
                resource.getNamedProperty("version").getValues().forEach(v -> entry.put("version", v.primitiveValue()));
                if (resource instanceof StructureDefinition definition) {
                    entry.put("kind", definition.getKind().toCode()).put("type", definition.getType());
                }
            }
            ObjectNode indexFile = json.createObjectNode().put("index-version", 1);
            indexFile.set("files", index);
            add(tar, "package/.index.json", json.writerWithDefaultPrettyPrinter().writeValueAsString(indexFile));
            add(tar, "package/package.json", json.writerWithDefaultPrettyPrinter().writeValueAsString(manifest(json, guide)));
        }
    }

    private static ObjectNode manifest(ObjectMapper json, ImplementationGuide guide) {
        ObjectNode manifest = json.createObjectNode()
                .put("name", guide.getPackageId())
                .put("version", guide.getVersion())
                .put("type", "IG")
                .put("title", guide.getTitle())
                .put("description", guide.getDescription())
                .put("canonical", KetamineIg.CANONICAL_BASE)
                .put("url", KetamineIg.CANONICAL_BASE)
                .put("license", guide.getLicense().toCode())
                .put("author", guide.getPublisher());
        manifest.putArray("fhirVersions").add("4.0.1");
        manifest.putObject("dependencies").put("hl7.fhir.r4.core", "4.0.1");
        return manifest;
    }

    private static void add(TarArchiveOutputStream tar, String name, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }
}
