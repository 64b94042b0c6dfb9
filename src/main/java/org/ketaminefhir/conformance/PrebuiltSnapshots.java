package org.ketaminefhir.conformance;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.hl7.fhir.r4.model.ImplementationGuide;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.springframework.core.io.ClassPathResource;

/**
 * The profiles' snapshots as the build generated them into the guide's package ({@link GuidePackageBuilder}, inside
 * the jar), so start-up stores them instead of generating each snapshot again: generation dominated the guide's
 * loading time. Without the package (a run from sources that skipped the build step) every profile is missing here,
 * and the loader generates its snapshot as before.
 */
final class PrebuiltSnapshots {

    private final Map<String, StructureDefinition> byUrl;

    private PrebuiltSnapshots(Map<String, StructureDefinition> byUrl) {
        this.byUrl = byUrl;
    }

    static PrebuiltSnapshots of(FhirContext fhirContext, ImplementationGuide guide) {
        ClassPathResource tgz = new ClassPathResource(
                GuidePackageBuilder.PACKAGES_FOLDER + "/" + GuidePackageBuilder.fileName(guide));
        Map<String, StructureDefinition> byUrl = new HashMap<>();
        if (!tgz.exists()) {
            return new PrebuiltSnapshots(byUrl);
        }
        try (InputStream in = tgz.getInputStream();
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.getName().startsWith("package/StructureDefinition-")) {
                    String json = new String(tar.readAllBytes(), StandardCharsets.UTF_8);
                    StructureDefinition definition =
                            fhirContext.newJsonParser().parseResource(StructureDefinition.class, json);
                    byUrl.put(definition.getUrl(), definition);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the guide package " + tgz.getPath(), e);
        }
        return new PrebuiltSnapshots(byUrl);
    }

    /** The packaged copy of this profile, if it has a snapshot and is otherwise the same as the one given. */
    Optional<StructureDefinition> forProfile(StructureDefinition profile) {
        StructureDefinition packaged = byUrl.get(profile.getUrl());
        if (packaged == null || !packaged.hasSnapshot() || !profile.getDifferential().equalsDeep(packaged.getDifferential())) {
            return Optional.empty();
        }
        return Optional.of(packaged);
    }
}
