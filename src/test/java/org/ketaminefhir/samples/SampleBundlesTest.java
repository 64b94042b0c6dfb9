package org.ketaminefhir.samples;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of("sample-bundles"))) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(8);
        for (Path file : files) {
            Bundle bundle = FhirContext.forR4Cached()
                    .newJsonParser()
                    .setParserErrorHandler(new StrictErrorHandler())
                    .parseResource(Bundle.class, Files.readString(file));
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
}
