package org.ketaminefhir.conformance;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.ImplementationGuide;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.springframework.stereotype.Component;

/** The guide's resources, read once from the classpath, with the look-ups the features need. */
@Component
class GuideCatalog {

    private final List<Resource> resources;
    private final String contentHash;

    GuideCatalog(FhirContext fhirContext) {
        this.resources = List.copyOf(GuideResources.read(fhirContext));
        this.contentHash = hash(fhirContext, resources);
    }

    /** SHA-256 over the guide's resources, in load order: any change to any file changes it. */
    String contentHash() {
        return contentHash;
    }

    private static String hash(FhirContext fhirContext, List<Resource> resources) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Resource resource : resources) {
                digest.update(fhirContext.newJsonParser().encodeResourceToString(resource).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    List<Resource> resources() {
        return resources;
    }

    /** Resource profiles (not extensions or data types), grouped by the resource type they constrain. */
    Map<String, List<String>> profileUrlsByType() {
        return resources.stream()
                .filter(r -> r instanceof StructureDefinition sd
                        && sd.getKind() == StructureDefinition.StructureDefinitionKind.RESOURCE)
                .map(r -> (StructureDefinition) r)
                .collect(Collectors.groupingBy(
                        StructureDefinition::getType,
                        Collectors.mapping(StructureDefinition::getUrl, Collectors.toList())));
    }

    ValueSet valueSet(String id) {
        return resources.stream()
                .filter(r -> r instanceof ValueSet && id.equals(r.getIdElement().getIdPart()))
                .map(ValueSet.class::cast)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("profiles/ has no ValueSet " + id));
    }

    Optional<ImplementationGuide> implementationGuide() {
        return resources.stream()
                .filter(ImplementationGuide.class::isInstance)
                .map(ImplementationGuide.class::cast)
                .findFirst();
    }
}
