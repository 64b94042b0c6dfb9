package org.ketaminefhir.server;

import ca.uhn.fhir.batch2.jobs.export.BulkDataExportProvider;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.provider.DiffProvider;
import ca.uhn.fhir.jpa.provider.JpaSystemProvider;
import ca.uhn.fhir.jpa.provider.ValueSetOperationProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.interceptor.ResponseHighlighterInterceptor;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The FHIR REST endpoint: HAPI's RestfulServer with the JPA providers and every feature's operations. */
@Configuration(proxyBeanMethods = false)
class FhirServerConfig {

    static final String FHIR_PATH = "/fhir/*";

    @Bean
    FhirEndpoint fhirEndpoint(
            FhirContext fhirContext,
            FhirServerProperties properties,
            ResourceProviderFactory resourceProviders,
            JpaSystemProvider<Bundle, Meta> systemProvider,
            IFhirSystemDao<Bundle, Meta> systemDao,
            JpaStorageSettings storageSettings,
            ISearchParamRegistry searchParamRegistry,
            IValidationSupport validationSupport,
            DatabaseBackedPagingProvider pagingProvider,
            ValueSetOperationProvider valueSetOperations,
            DiffProvider diffProvider,
            BulkDataExportProvider bulkExport,
            List<FhirOperationProvider> featureOperations,
            ObjectProvider<BuildProperties> build) {
        BuildScopedRestfulServer server = new BuildScopedRestfulServer(fhirContext);
        server.setServerName(properties.serverName());
        // HAPI reports its own version as the software's unless told ours (the build's, from build-info).
        build.ifAvailable(info -> server.setServerVersion(info.getVersion()));
        server.registerProviders(resourceProviders.createProviders());
        server.registerProvider(systemProvider);
        server.registerProvider(valueSetOperations);
        server.registerProvider(diffProvider);
        server.registerProvider(bulkExport);
        featureOperations.forEach(server::registerProvider);

        BuildScopedCapabilityStatementProvider capabilities = new BuildScopedCapabilityStatementProvider(
                server, systemDao, storageSettings, searchParamRegistry, validationSupport);
        capabilities.setImplementationDescription(properties.serverName());
        server.setServerConformanceProvider(capabilities);

        pagingProvider.setDefaultPageSize(properties.defaultPageSize());
        pagingProvider.setMaximumPageSize(properties.maxPageSize());
        server.setPagingProvider(pagingProvider);
        server.setDefaultResponseEncoding(EncodingEnum.JSON);
        server.setDefaultPrettyPrint(false);
        // A browser asking for HTML gets a readable, syntax-highlighted page instead of raw JSON.
        server.registerInterceptor(new ResponseHighlighterInterceptor());
        return new FhirEndpoint(server);
    }

    @Bean
    StartupGateFilter startupGateFilter(FhirContext fhirContext) {
        return new StartupGateFilter(fhirContext);
    }

    @Bean
    FilterRegistrationBean<StartupGateFilter> startupGate(StartupGateFilter filter) {
        FilterRegistrationBean<StartupGateFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns(FHIR_PATH);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Innermost filter, right in front of the servlet. */
    @Bean
    FilterRegistrationBean<FlushCoalescingFilter> flushCoalescing() {
        FilterRegistrationBean<FlushCoalescingFilter> registration =
                new FilterRegistrationBean<>(new FlushCoalescingFilter());
        registration.addUrlPatterns(FHIR_PATH);
        registration.setOrder(Ordered.LOWEST_PRECEDENCE);
        return registration;
    }

    @Bean
    ServletRegistrationBean<DeferredServlet> fhirServlet(ObjectProvider<FhirEndpoint> endpoint) {
        ServletRegistrationBean<DeferredServlet> registration =
                new ServletRegistrationBean<>(new DeferredServlet(() -> endpoint.getObject().server()), FHIR_PATH);
        registration.setName("fhir");
        // Initialise HAPI at start-up, so the first client request does not pay for it.
        registration.setLoadOnStartup(1);
        return registration;
    }
}
