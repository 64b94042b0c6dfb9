package org.ketaminefhir.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.List;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.SearchParameter;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Turns off the AuditEvent search parameters that nobody searches the trail by, the HAPI way: a stored
 * SearchParameter with the built-in's code and status {@code retired}. Each of them indexed the same codes on every
 * event (entity type and role, the client's address), so they held half of all index rows of the audit trail, which
 * gets an event for every resource written or read. Searching by them answers 400, as for any unknown parameter.
 * The trail stays searchable by patient, entity, agent, date, type, subtype, action and outcome.
 */
@Component
@Order(AuditSearchIndex.ORDER)
class AuditSearchIndex implements ApplicationRunner {

    static final int ORDER = 50;
    static final List<String> NOT_INDEXED = List.of("address", "entity-type", "entity-role");
    private static final String AUDIT_EVENT = "AuditEvent";

    private final FhirContext fhirContext;
    private final DaoRegistry daos;
    private final JpaStorageSettings storageSettings;

    AuditSearchIndex(FhirContext fhirContext, DaoRegistry daos, JpaStorageSettings storageSettings) {
        this.fhirContext = fhirContext;
        this.daos = daos;
        this.storageSettings = storageSettings;
    }

    /**
     * Stored without HAPI's usual reindex of every AuditEvent: nothing searches by these parameters, so rows an older
     * version indexed are harmless, and a reindex job would compete with the first clients for no gain. (An update
     * that changes nothing, as on every restart, would not trigger one anyway.) This runs before the server is ready,
     * so no client write sees the switch flipped.
     */
    @Override
    public void run(ApplicationArguments args) {
        boolean reindexOnChange = storageSettings.isMarkResourcesForReindexingUponSearchParameterChange();
        storageSettings.setMarkResourcesForReindexingUponSearchParameterChange(false);
        try {
            for (String code : NOT_INDEXED) {
                daos.getResourceDao(SearchParameter.class).update(retired(code), new SystemRequestDetails());
            }
        } finally {
            storageSettings.setMarkResourcesForReindexingUponSearchParameterChange(reindexOnChange);
        }
    }

    private SearchParameter retired(String code) {
        RuntimeSearchParam builtIn = fhirContext.getResourceDefinition(AUDIT_EVENT).getSearchParam(code);
        SearchParameter parameter = new SearchParameter();
        parameter.setId("auditevent-" + code + "-not-indexed");
        parameter.setUrl("urn:ketamine-fhir:search-parameter:auditevent-" + code + "-not-indexed");
        parameter.setName(code);
        parameter.setCode(code);
        parameter.addBase(AUDIT_EVENT);
        parameter.setStatus(Enumerations.PublicationStatus.RETIRED);
        parameter.setType(Enumerations.SearchParamType.fromCode(builtIn.getParamType().getCode()));
        parameter.setExpression(builtIn.getPath());
        parameter.setDescription("Not indexed by this server: every audit event carries the same few values here.");
        return parameter;
    }
}
