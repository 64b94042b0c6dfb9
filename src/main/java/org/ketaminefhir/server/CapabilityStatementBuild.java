package org.ketaminefhir.server;

import ca.uhn.fhir.rest.server.RestfulServerConfiguration;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry.SearchParamLookupContextEnum;
import ca.uhn.fhir.rest.server.util.ResourceSearchParams;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * What one CapabilityStatement build looks up once and then reuses: the server's REST configuration and each resource
 * type's search parameters. HAPI 8.8.0's statement provider creates the configuration again for each of the 146
 * resource types, and asks for every type's search parameters again for each type (to list reverse includes: about
 * 21,000 lookups, each building a filtered copy); together more than half of the first {@code /metadata} after a
 * start. The scope is one build on one thread, so the next build sees the providers and search parameters as they
 * are then.
 */
final class CapabilityStatementBuild {

    private static final ThreadLocal<CapabilityStatementBuild> CURRENT = new ThreadLocal<>();

    private RestfulServerConfiguration configuration;
    private final Map<String, ResourceSearchParams> searchParams = new HashMap<>();

    private CapabilityStatementBuild() {}

    static <T> T run(Supplier<T> build) {
        if (CURRENT.get() != null) {
            return build.get();
        }
        CURRENT.set(new CapabilityStatementBuild());
        try {
            return build.get();
        } finally {
            CURRENT.remove();
        }
    }

    static RestfulServerConfiguration configuration(Supplier<RestfulServerConfiguration> create) {
        CapabilityStatementBuild build = CURRENT.get();
        if (build == null) {
            return create.get();
        }
        if (build.configuration == null) {
            build.configuration = create.get();
        }
        return build.configuration;
    }

    static ResourceSearchParams searchParams(
            String resourceName,
            SearchParamLookupContextEnum context,
            BiFunction<String, SearchParamLookupContextEnum, ResourceSearchParams> lookup) {
        CapabilityStatementBuild build = CURRENT.get();
        if (build == null) {
            return lookup.apply(resourceName, context);
        }
        String key = resourceName + '|' + context;
        ResourceSearchParams found = build.searchParams.get(key);
        if (found == null) {
            found = lookup.apply(resourceName, context);
            build.searchParams.put(key, found);
        }
        return found;
    }
}
