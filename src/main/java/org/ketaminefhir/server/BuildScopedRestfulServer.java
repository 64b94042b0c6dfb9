package org.ketaminefhir.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.RestfulServerConfiguration;
import ca.uhn.fhir.rest.server.method.BaseMethodBinding;
import java.util.List;
import java.util.Map;

/** HAPI's RestfulServer, handing out one REST configuration per CapabilityStatement build ({@link CapabilityStatementBuild}). */
final class BuildScopedRestfulServer extends RestfulServer {

    BuildScopedRestfulServer(FhirContext fhirContext) {
        super(fhirContext);
    }

    @Override
    public RestfulServerConfiguration createConfiguration() {
        return CapabilityStatementBuild.configuration(() -> BindingsCollectedOnce.of(super.createConfiguration()));
    }

    /**
     * HAPI's configuration collects every method binding of the server again on each search-parameter lookup; this
     * copy collects them once. It lives for one build, while the registered providers do not change.
     */
    static final class BindingsCollectedOnce extends RestfulServerConfiguration {

        private Map<String, List<BaseMethodBinding>> methodBindings;

        static BindingsCollectedOnce of(RestfulServerConfiguration made) {
            BindingsCollectedOnce copy = new BindingsCollectedOnce();
            copy.setResourceBindings(made.getResourceBindings());
            copy.setServerBindings(made.getServerBindings());
            copy.setGlobalBindings(made.getGlobalBindings());
            copy.setNameToSharedSupertype(made.getNameToSharedSupertype());
            copy.setImplementationDescription(made.getImplementationDescription());
            copy.setServerVersion(made.getServerVersion());
            copy.setServerName(made.getServerName());
            copy.setFhirContext(made.getFhirContext());
            copy.setServerAddressStrategy(made.getServerAddressStrategy());
            copy.setConformanceDate(made.getConformanceDate());
            return copy;
        }

        @Override
        public synchronized Map<String, List<BaseMethodBinding>> collectMethodBindings() {
            if (methodBindings == null) {
                methodBindings = super.collectMethodBindings();
            }
            return methodBindings;
        }
    }
}
