package org.ketaminefhir.derived;

import java.util.List;

/**
 * Why the server wrote a derived resource: the rule that produced it and the resources it was derived from. Each
 * change is recorded as a Provenance naming both.
 */
public record Derivation(String rule, List<String> sources) {

    public Derivation {
        sources = sources.stream().filter(s -> s != null && !s.isBlank()).distinct().toList();
    }
}
