package org.ketaminefhir.server;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.rest.annotation.Metadata;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.instance.model.api.IBaseConformance;

/**
 * HAPI's JPA CapabilityStatement provider, each build run in one {@link CapabilityStatementBuild}: the same statement,
 * with the server's configuration and search parameters looked up once per build. Give it a
 * {@link BuildScopedRestfulServer}.
 */
final class BuildScopedCapabilityStatementProvider extends JpaCapabilityStatementProvider {

    BuildScopedCapabilityStatementProvider(
            BuildScopedRestfulServer server,
            IFhirSystemDao<?, ?> systemDao,
            JpaStorageSettings storageSettings,
            ISearchParamRegistry searchParamRegistry,
            IValidationSupport validationSupport) {
        super(
                server,
                systemDao,
                storageSettings,
                new BuildScopedSearchParamRegistry(searchParamRegistry),
                validationSupport);
    }

    @Override
    @Metadata
    public IBaseConformance getServerConformance(HttpServletRequest request, RequestDetails requestDetails) {
        return CapabilityStatementBuild.run(() -> super.getServerConformance(request, requestDetails));
    }
}
