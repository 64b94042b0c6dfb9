package org.ketaminefhir.audit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditEventSink;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.beans.factory.DisposableBean;

/**
 * Stores AuditEvents in the server's own database. The event of a write (create, update, delete) joins the write's
 * transaction, so the record of a change commits or rolls back with the change. The event of a read, search or
 * operation is written by a background thread, so reading does not wait for an insert; when that queue is full the
 * caller writes it itself, so nothing is dropped. The store is a server write, so it is not audited again.
 */
class DatabaseAuditSink implements IBalpAuditEventSink, DisposableBean {

    /**
     * Marks a resource that is deleted (a delete, or a read of an old version of a deleted resource): the event still
     * names it, as an identifier, since the server refuses references to deleted resources.
     */
    static final String DELETED_RESOURCE = "urn:ketamine-fhir:deleted-resource";

    private final DaoRegistry daos;
    private final ExecutorService background = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(10_000), runnable -> {
                Thread thread = new Thread(runnable, "audit-writer");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.CallerRunsPolicy());

    DatabaseAuditSink(DaoRegistry daos) {
        this.daos = daos;
    }

    @Override
    public void recordAuditEvent(AuditEvent event) {
        if (event.getAction() == AuditEvent.AuditEventAction.C
                || event.getAction() == AuditEvent.AuditEventAction.U
                || event.getAction() == AuditEvent.AuditEventAction.D) {
            store(event);
            return;
        }
        try {
            background.execute(() -> store(event));
        } catch (RejectedExecutionException shuttingDown) {
            store(event);
        }
    }

    private void store(AuditEvent event) {
        if (event.getAction() == AuditEvent.AuditEventAction.D) {
            event.getEntity().forEach(entity -> keepDeletedAsIdentifier(entity.getWhat()));
        }
        try {
            daos.getResourceDao(AuditEvent.class).create(event, new SystemRequestDetails());
        } catch (InvalidRequestException deletedTarget) {
            // A read of an old version of a since-deleted resource: name it by identifier instead. Reads run outside
            // any write transaction, so the failed attempt spoils nothing.
            event.getEntity().forEach(entity -> keepDeletedAsIdentifier(entity.getWhat()));
            daos.getResourceDao(AuditEvent.class).create(event, new SystemRequestDetails());
        }
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

    /** Writes what is still queued before the database goes away. */
    @Override
    public void destroy() throws InterruptedException {
        background.shutdown();
        background.awaitTermination(30, TimeUnit.SECONDS);
    }
}
