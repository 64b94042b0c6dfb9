package org.ketaminefhir.intake.rules;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The codes that count for one rule: exact codes and code prefixes per system, less any excluded codes. */
record CodeSet(List<Pattern> included, List<Pattern> excluded) {

    /** Exact codes, or code prefixes (ICD-10-CM "F20" for F20.x, ATC "N05BA" for a class), in one system. */
    record Pattern(CodeSystem system, Set<String> values, boolean prefix) {

        boolean matches(ClinicalCode code) {
            if (!system.uri().equals(code.system()) || code.code() == null) {
                return false;
            }
            return prefix ? values.stream().anyMatch(code.code()::startsWith) : values.contains(code.code());
        }
    }

    static Pattern exact(CodeSystem system, String... codes) {
        return new Pattern(system, Set.of(codes), false);
    }

    static Pattern startingWith(CodeSystem system, String... prefixes) {
        return new Pattern(system, Set.of(prefixes), true);
    }

    static CodeSet of(Pattern... patterns) {
        return new CodeSet(List.of(patterns), List.of());
    }

    CodeSet excluding(CodeSet other) {
        return new CodeSet(included, List.copyOf(other.included));
    }

    boolean contains(ClinicalCode code) {
        return included.stream().anyMatch(p -> p.matches(code)) && excluded.stream().noneMatch(p -> p.matches(code));
    }

    Optional<ClinicalCode> firstMatch(List<ClinicalCode> codes) {
        return codes.stream().filter(this::contains).findFirst();
    }
}
