package org.ketaminefhir.conformance;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The guide's resources as packaged from {@code profiles/}, in an order that can be loaded: terminology first, then
 * profiles with each base before the profiles derived from it, then everything that refers to them.
 */
final class GuideResources {

    private static final List<String> LOAD_ORDER = List.of(
            "CodeSystem", "ValueSet", "StructureDefinition", "SearchParameter", "Questionnaire",
            "OperationDefinition", "ImplementationGuide");

    private GuideResources() {}

    static List<Resource> read(FhirContext fhirContext) {
        List<Resource> resources = new ArrayList<>();
        try {
            for (org.springframework.core.io.Resource file :
                    new PathMatchingResourcePatternResolver().getResources("classpath*:profiles/**/*.json")) {
                try (InputStream in = file.getInputStream()) {
                    resources.add((Resource) fhirContext.newJsonParser().parseResource(in));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the implementation guide from profiles/", e);
        }
        return inLoadOrder(resources);
    }

    static List<Resource> inLoadOrder(List<Resource> resources) {
        Map<String, Integer> depth = new HashMap<>();
        Map<String, StructureDefinition> byUrl = new HashMap<>();
        for (Resource resource : resources) {
            if (resource instanceof StructureDefinition definition) {
                byUrl.put(definition.getUrl(), definition);
            }
        }
        List<Resource> ordered = new ArrayList<>(resources);
        ordered.sort(Comparator.comparingInt((Resource r) -> typeRank(r.fhirType()))
                .thenComparingInt(r -> r instanceof StructureDefinition sd ? derivationDepth(sd, byUrl, depth) : 0)
                .thenComparing(r -> r.getIdElement().getIdPart()));
        return ordered;
    }

    private static int typeRank(String type) {
        int rank = LOAD_ORDER.indexOf(type);
        return rank < 0 ? LOAD_ORDER.size() : rank;
    }

    private static int derivationDepth(
            StructureDefinition definition, Map<String, StructureDefinition> byUrl, Map<String, Integer> memo) {
        Integer known = memo.get(definition.getUrl());
        if (known != null) {
            return known;
        }
        StructureDefinition base = byUrl.get(definition.getBaseDefinition());
        int depth = base == null || base == definition ? 0 : 1 + derivationDepth(base, byUrl, memo);
        memo.put(definition.getUrl(), depth);
        return depth;
    }
}
