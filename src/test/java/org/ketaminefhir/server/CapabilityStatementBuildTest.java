package org.ketaminefhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.RestfulServerConfiguration;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry.SearchParamLookupContextEnum;
import ca.uhn.fhir.rest.server.util.ResourceSearchParams;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CapabilityStatementBuildTest {

    private final AtomicInteger lookups = new AtomicInteger();

    private ResourceSearchParams lookUp(String resourceName, SearchParamLookupContextEnum context) {
        lookups.incrementAndGet();
        return new ResourceSearchParams(resourceName);
    }

    @Test
    void withinOneBuildEachResourceTypesParametersAreLookedUpOnce() {
        CapabilityStatementBuild.run(() -> {
            ResourceSearchParams observation =
                    CapabilityStatementBuild.searchParams("Observation", SearchParamLookupContextEnum.SEARCH, this::lookUp);
            assertThat(CapabilityStatementBuild.searchParams(
                            "Observation", SearchParamLookupContextEnum.SEARCH, this::lookUp))
                    .isSameAs(observation);
            CapabilityStatementBuild.searchParams("Patient", SearchParamLookupContextEnum.SEARCH, this::lookUp);
            CapabilityStatementBuild.searchParams("Observation", SearchParamLookupContextEnum.ALL, this::lookUp);
            return observation;
        });

        assertThat(lookups).hasValue(3);
    }

    @Test
    void theNextBuildAndCallsOutsideABuildLookUpAgain() {
        CapabilityStatementBuild.run(() ->
                CapabilityStatementBuild.searchParams("Observation", SearchParamLookupContextEnum.SEARCH, this::lookUp));
        CapabilityStatementBuild.run(() ->
                CapabilityStatementBuild.searchParams("Observation", SearchParamLookupContextEnum.SEARCH, this::lookUp));
        CapabilityStatementBuild.searchParams("Observation", SearchParamLookupContextEnum.SEARCH, this::lookUp);
        CapabilityStatementBuild.searchParams("Observation", SearchParamLookupContextEnum.SEARCH, this::lookUp);

        assertThat(lookups).hasValue(4);
    }

    @Test
    void theConfigurationIsCreatedOncePerBuild() {
        AtomicInteger created = new AtomicInteger();
        RestfulServerConfiguration[] seen = CapabilityStatementBuild.run(() -> new RestfulServerConfiguration[] {
            CapabilityStatementBuild.configuration(() -> count(created)),
            CapabilityStatementBuild.configuration(() -> count(created))
        });
        CapabilityStatementBuild.configuration(() -> count(created));

        assertThat(seen[0]).isSameAs(seen[1]);
        assertThat(created).hasValue(2);
    }

    private static RestfulServerConfiguration count(AtomicInteger created) {
        created.incrementAndGet();
        return new RestfulServerConfiguration();
    }
}
