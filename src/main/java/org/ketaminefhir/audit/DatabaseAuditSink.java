package org.ketaminefhir.audit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditEventSink;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;

/**
 * Stores AuditEvents in the server's own database. A write's AuditEvent joins the write's transaction, so the record
 * of a change commits or rolls back with the change; the store itself is a server write, so it is not audited again.
 */
class DatabaseAuditSink implements IBalpAuditEventSink {

    /**
     * Marks a resource that is deleted (a delete, or a read of an old version of a deleted resource): the event still
     * names it, as an identifier, since the server refuses references to deleted resources.
     */
    static final String DELETED_RESOURCE = "urn:ketamine-fhir:deleted-resource";

    private final DaoRegistry daos;

    DatabaseAuditSink(DaoRegistry daos) {
        this.daos = daos;
    }

    @Override
    public void recordAuditEvent(AuditEvent event) {
        event.getEntity().forEach(entity -> keepDeletedAsIdentifier(entity.getWhat()));
        daos.getResourceDao(AuditEvent.class).create(event, new SystemRequestDetails());
    }

    private void keepDeletedAsIdentifier(Reference what) {
        String reference = what.getReference();
        if (reference != null && !exists(new IdType(reference))) {
            what.setReference(null);
            what.getIdentifier().setSystem(DELETED_RESOURCE).setValue(reference);
            what.setDisplay(reference + " (deleted)");
        }
    }

    /** A search, not a read: a read of a deleted resource throws, which would spoil the write's transaction. */
    private boolean exists(IdType id) {
        if (!id.hasResourceType() || !id.hasIdPart() || !daos.isResourceTypeSupported(id.getResourceType())) {
            return true;
        }
        SearchParameterMap byId = SearchParameterMap.newSynchronous("_id", new TokenParam(id.getIdPart()));
        return !daos.getResourceDao(id.getResourceType()).search(byId, new SystemRequestDetails()).isEmpty();
    }
}
