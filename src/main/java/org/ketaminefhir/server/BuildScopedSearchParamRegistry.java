package org.ketaminefhir.server;

import ca.uhn.fhir.context.ComboSearchParamType;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import ca.uhn.fhir.rest.server.util.ResourceSearchParams;
import jakarta.annotation.Nonnull;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IIdType;

/**
 * The server's search-parameter registry as the CapabilityStatement provider sees it: each resource type's parameters
 * looked up once per build ({@link CapabilityStatementBuild}); everything else passed through.
 */
final class BuildScopedSearchParamRegistry implements ISearchParamRegistry {

    private final ISearchParamRegistry registry;

    BuildScopedSearchParamRegistry(ISearchParamRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ResourceSearchParams getActiveSearchParams(
            @Nonnull String resourceName, @Nonnull SearchParamLookupContextEnum context) {
        return CapabilityStatementBuild.searchParams(resourceName, context, registry::getActiveSearchParams);
    }

    @Override
    public RuntimeSearchParam getActiveSearchParam(
            @Nonnull String resourceName, @Nonnull String paramName, @Nonnull SearchParamLookupContextEnum context) {
        return registry.getActiveSearchParam(resourceName, paramName, context);
    }

    @Override
    public RuntimeSearchParam getActiveSearchParamByUrl(
            @Nonnull String url, @Nonnull SearchParamLookupContextEnum context) {
        return registry.getActiveSearchParamByUrl(url, context);
    }

    @Override
    public boolean isInitialized() {
        return registry.isInitialized();
    }

    @Override
    public List<RuntimeSearchParam> getActiveComboSearchParams(
            @Nonnull String resourceName, @Nonnull SearchParamLookupContextEnum context) {
        return registry.getActiveComboSearchParams(resourceName, context);
    }

    @Override
    public List<RuntimeSearchParam> getActiveComboSearchParams(
            @Nonnull String resourceName,
            @Nonnull ComboSearchParamType paramType,
            @Nonnull SearchParamLookupContextEnum context) {
        return registry.getActiveComboSearchParams(resourceName, paramType, context);
    }

    @Override
    public List<RuntimeSearchParam> getActiveComboSearchParams(
            @Nonnull String resourceName,
            @Nonnull Set<String> paramNames,
            @Nonnull SearchParamLookupContextEnum context) {
        return registry.getActiveComboSearchParams(resourceName, paramNames, context);
    }

    @Override
    public Optional<RuntimeSearchParam> getActiveComboSearchParamById(
            @Nonnull String resourceName, @Nonnull IIdType id) {
        return registry.getActiveComboSearchParamById(resourceName, id);
    }

    @Override
    public void requestRefresh() {
        registry.requestRefresh();
    }

    @Override
    public void forceRefresh() {
        registry.forceRefresh();
    }
}
