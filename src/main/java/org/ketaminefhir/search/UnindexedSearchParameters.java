package org.ketaminefhir.search;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.SearchParameter;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Turns off standard search parameters that cost index rows on every write and that clients do not need, the HAPI
 * way: a stored SearchParameter with the built-in's code and status {@code retired}. Searching by one answers 400,
 * as for any unknown parameter, and the CapabilityStatement no longer lists it.
 * <ul>
 *   <li>AuditEvent {@code address}, {@code entity-type}, {@code entity-role}: the same few values on every event, half
 *       of the audit trail's index rows. The trail stays searchable by patient, entity, agent, date, type, subtype,
 *       action and outcome.</li>
 *   <li>Observation {@code combo-*}: each repeats {@code code} / {@code component-code} or a value parameter with the
 *       value and its components together, 2.5 of an Observation's 12 index rows. Every query they answer can be
 *       asked with {@code code}, {@code component-code}, {@code value-*} and {@code component-value-*}.</li>
 * </ul>
 */
@Component
@Order(UnindexedSearchParameters.ORDER)
class UnindexedSearchParameters implements ApplicationRunner {

    static final int ORDER = 50;
    static final Map<String, List<String>> NOT_INDEXED = Map.of(
            "AuditEvent", List.of("address", "entity-type", "entity-role"),
            "Observation", List.of("combo-code", "combo-value-quantity", "combo-value-concept",
                    "combo-data-absent-reason", "combo-code-value-quantity", "combo-code-value-concept"));

    private final FhirContext fhirContext;
    private final DaoRegistry daos;
    private final JpaStorageSettings storageSettings;

    UnindexedSearchParameters(FhirContext fhirContext, DaoRegistry daos, JpaStorageSettings storageSettings) {
        this.fhirContext = fhirContext;
        this.daos = daos;
        this.storageSettings = storageSettings;
    }

    /**
     * Stored without HAPI's usual reindex of every resource of the type: nothing can search by these parameters any
     * more, so rows an older version indexed are harmless, and a reindex job would compete with the first clients for
     * no gain. (An update that changes nothing, as on every restart, would not trigger one anyway.) Turning one back
     * on means deleting its SearchParameter and reindexing that type. This runs before the server is ready, so no
     * client write sees the switch flipped. One transaction for all of them: HAPI rebuilds its search-parameter
     * registry after each committed SearchParameter change, a second of start-up when done one by one.
     */
    @Override
    public void run(ApplicationArguments args) {
        boolean reindexOnChange = storageSettings.isMarkResourcesForReindexingUponSearchParameterChange();
        storageSettings.setMarkResourcesForReindexingUponSearchParameterChange(false);
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        NOT_INDEXED.forEach((type, codes) -> codes.forEach(code -> {
            SearchParameter parameter = retired(type, code);
            transaction.addEntry().setResource(parameter).getRequest()
                    .setMethod(Bundle.HTTPVerb.PUT).setUrl("SearchParameter/" + parameter.getIdPart());
        }));
        try {
            systemDao().transaction(new SystemRequestDetails(), transaction);
        } finally {
            storageSettings.setMarkResourcesForReindexingUponSearchParameterChange(reindexOnChange);
        }
    }

    @SuppressWarnings("unchecked")
    private IFhirSystemDao<Bundle, ?> systemDao() {
        return (IFhirSystemDao<Bundle, ?>) daos.getSystemDao();
    }

    private SearchParameter retired(String type, String code) {
        RuntimeSearchParam builtIn = fhirContext.getResourceDefinition(type).getSearchParam(code);
        String id = type.toLowerCase() + "-" + code + "-not-indexed";
        SearchParameter parameter = new SearchParameter();
        parameter.setId(id);
        parameter.setUrl("urn:ketamine-fhir:search-parameter:" + id);
        parameter.setName(code);
        parameter.setCode(code);
        parameter.addBase(type);
        parameter.setStatus(Enumerations.PublicationStatus.RETIRED);
        parameter.setType(Enumerations.SearchParamType.fromCode(builtIn.getParamType().getCode()));
        parameter.setExpression(builtIn.getPath());
        if (!builtIn.getComponents().isEmpty()) {
            parameter.setComponent(standardDefinition(builtIn).getComponent());
        }
        parameter.setDescription("Not indexed by this server: see its documentation, docs/performance.md.");
        return parameter;
    }

    /** HAPI's model names a composite's parts but not their expressions, which R4 requires; the R4 definition has them. */
    private SearchParameter standardDefinition(RuntimeSearchParam builtIn) {
        List<IBaseResource> standard = fhirContext.getValidationSupport().fetchAllSearchParameters();
        return (standard == null ? List.<IBaseResource>of() : standard).stream()
                .map(SearchParameter.class::cast)
                .filter(definition -> builtIn.getUri().equals(definition.getUrl()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No R4 definition of " + builtIn.getUri()));
    }
}
