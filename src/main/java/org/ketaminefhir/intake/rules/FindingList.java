package org.ketaminefhir.intake.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects findings once per (rule, evidence) pair, keeping the first, and lists them contraindications first. */
final class FindingList {

    private record Key(String ruleId, String evidence) {}

    private final Map<Key, Finding> findings = new LinkedHashMap<>();

    void addAll(List<Finding> newFindings) {
        newFindings.forEach(f -> findings.putIfAbsent(new Key(f.ruleId(), f.evidence()), f));
    }

    /** Most severe first; the sort is stable, so findings of one severity keep the order they were added in. */
    List<Finding> ordered() {
        List<Finding> ordered = new ArrayList<>(findings.values());
        ordered.sort(Comparator.comparing(Finding::severity));
        return List.copyOf(ordered);
    }
}
