package org.ketaminefhir.samples;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.junit.jupiter.api.Test;

/**
 * Every sample bundle can be posted again without creating anything: transactions use urn:uuid full URLs and each
 * entry is a conditional create (If-None-Exist) or a conditional update on a business identifier.
 */
class SampleBundlesTest {

    @Test
    void everySampleIsAnIdempotentTransactionOrBatch() throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> files = sampleFiles();
        assertThat(files).hasSizeGreaterThanOrEqualTo(8);
        for (Path file : files) {
            Bundle bundle = parse(file);
            if (bundle.getType() != Bundle.BundleType.TRANSACTION && bundle.getType() != Bundle.BundleType.BATCH) {
                problems.add(file + ": a " + bundle.getType() + " bundle");
            }
            for (BundleEntryComponent entry : bundle.getEntry()) {
                String where = file.getFileName() + " " + entry.getResource().fhirType();
                if (bundle.getType() == Bundle.BundleType.TRANSACTION && !entry.getFullUrl().startsWith("urn:uuid:")) {
                    problems.add(where + ": fullUrl " + entry.getFullUrl() + " is not a urn:uuid");
                }
                boolean conditionalCreate = entry.getRequest().getMethod() == Bundle.HTTPVerb.POST
                        && entry.getRequest().getIfNoneExist() != null
                        && entry.getRequest().getIfNoneExist().startsWith("identifier=");
                boolean conditionalUpdate = entry.getRequest().getMethod() == Bundle.HTTPVerb.PUT
                        && entry.getRequest().getUrl().contains("?identifier=");
                if (!conditionalCreate && !conditionalUpdate) {
                    problems.add(where + ": not conditional on an identifier: " + entry.getRequest().getUrl());
                }
            }
        }
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }

    /** The loader tells which samples are stored by each one's last entry, so only that sample may name it. */
    @Test
    void eachSampleEndsWithAnEntryNoOtherSampleMakes() throws IOException {
        Map<String, String> lastEntries = new LinkedHashMap<>();
        Map<String, List<String>> samplesNaming = new HashMap<>();
        for (Path file : sampleFiles()) {
            Bundle bundle = parse(file);
            lastEntries.put(file.getFileName().toString(), new SampleBundle(bundle).lastEntryMatchUrl());
            for (BundleEntryComponent entry : bundle.getEntry()) {
                String matchUrl = entry.getRequest().hasIfNoneExist()
                        ? entry.getRequest().getUrl() + "?" + entry.getRequest().getIfNoneExist()
                        : entry.getRequest().getUrl();
                samplesNaming.computeIfAbsent(matchUrl, url -> new ArrayList<>()).add(file.getFileName().toString());
            }
        }
        assertThat(lastEntries).hasSizeGreaterThanOrEqualTo(8).allSatisfy((file, matchUrl) -> assertThat(
                        samplesNaming.get(matchUrl))
                .as(file + " ends with " + matchUrl)
                .containsExactly(file));
        assertThat(lastEntries.get("40-ehr-sync-batch.json"))
                .isEqualTo("Observation?identifier=https://ehr.sample-hospital.org/id/observation|OBS-123456");
    }

    private static List<Path> sampleFiles() throws IOException {
        try (Stream<Path> list = Files.list(Path.of("sample-bundles"))) {
            return list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static Bundle parse(Path file) throws IOException {
        return FhirContext.forR4Cached()
                .newJsonParser()
                .setParserErrorHandler(new StrictErrorHandler())
                .parseResource(Bundle.class, Files.readString(file));
    }
}
