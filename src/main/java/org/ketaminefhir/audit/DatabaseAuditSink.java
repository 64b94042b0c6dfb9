package org.ketaminefhir.audit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditEventSink;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Stores AuditEvents in the server's own database. The event of a write (create, update, delete) joins the write's
 * transaction, so the record of a change commits or rolls back with the change. The events of reads, searches and
 * operations are queued and written by a background thread, many to a transaction: reading does not wait for an
 * insert, and a busy server pays for one commit per batch rather than one per request. When the queue is full the
 * caller writes its event itself, so nothing is dropped. The store is a server write, so it is not audited again.
 */
class DatabaseAuditSink implements IBalpAuditEventSink, DisposableBean {

    /**
     * Marks a resource that is deleted (a delete, or a read of an old version of a deleted resource): the event still
     * names it, as an identifier, since the server refuses references to deleted resources.
     */
    static final String DELETED_RESOURCE = "urn:ketamine-fhir:deleted-resource";

    private static final Logger log = LoggerFactory.getLogger(DatabaseAuditSink.class);
    /**
     * What a crash can lose and a graceful stop must store. With 1 M resources stored the writer managed 230-830 events
     * a second, and a queue of 10,000 once outlasted the 30 s a stop waits.
     */
    private static final int QUEUE_CAPACITY = 5_000;
    private static final int MAX_BATCH = 200;
    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final DaoRegistry daos;
    private final IHapiTransactionService transactions;
    private final EntityManager entityManager;
    private final BlockingQueue<AuditEvent> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread writer = new Thread(this::writeQueued, "audit-writer");
    private volatile boolean stopping;
    /** Set when the stop has waited long enough: the writer stores no further batch. */
    private volatile boolean abandoned;

    DatabaseAuditSink(DaoRegistry daos, IHapiTransactionService transactions, EntityManager entityManager) {
        this.daos = daos;
        this.transactions = transactions;
        this.entityManager = entityManager;
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void recordAuditEvent(AuditEvent event) {
        if (event.getAction() == AuditEvent.AuditEventAction.C
                || event.getAction() == AuditEvent.AuditEventAction.U
                || event.getAction() == AuditEvent.AuditEventAction.D) {
            store(event, new TransactionDetails());
            return;
        }
        // A full queue means the writer is behind: the request stores its event itself rather than wait for room.
        // HAPI shows search results inside the search's transaction, so a waiting request would hold a pooled
        // connection that the writer may need.
        if (stopping || !queue.offer(event)) {
            storeInRequest(event);
        }
    }

    /**
     * The request's own transaction, if any, holds what it has loaded (a search page's resources); with Hibernate's
     * default flush mode each lookup the event makes would first check all of them for changes, which was 40 % of
     * an event's cost. Nothing the event looks up is pending in that session.
     */
    private void storeInRequest(AuditEvent event) {
        FlushModeType flushMode = entityManager.getFlushMode();
        entityManager.setFlushMode(FlushModeType.COMMIT);
        try {
            store(event, new TransactionDetails());
        } finally {
            entityManager.setFlushMode(flushMode);
        }
    }

    /**
     * Stores the event of a change in the change's transaction. HAPI's {@link TransactionDetails} of that transaction
     * already knows the database keys of the changed resource and of the patient it was filed under, so the event's
     * references to them need no lookup; with fresh details each event cost two queries, a fifth of its cost.
     */
    void recordChange(AuditEvent event, TransactionDetails transaction) {
        store(event, transaction);
    }

    private void writeQueued() {
        List<AuditEvent> batch = new ArrayList<>(MAX_BATCH);
        while ((!stopping || !queue.isEmpty()) && !abandoned) {
            try {
                AuditEvent first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                gatherBatch(batch);
                storeAll(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Could not store {} audit events", batch.size(), e);
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Takes what is queued, up to a full batch, and waits up to {@link #LINGER_NANOS} for more: a commit costs about
     * as much as storing a dozen events, and at a few hundred reads a second most batches would otherwise hold one or
     * two. At a stop it does not wait, but it still takes full batches: with one commit per event, half of a queue of
     * 7,600 events was still unstored when the stop's 30 s ran out.
     */
    private void gatherBatch(List<AuditEvent> batch) throws InterruptedException {
        long deadline = System.nanoTime() + LINGER_NANOS;
        while (batch.size() < MAX_BATCH) {
            queue.drainTo(batch, MAX_BATCH - batch.size());
            long wait = deadline - System.nanoTime();
            if (batch.size() >= MAX_BATCH || wait <= 0 || stopping) {
                return;
            }
            AuditEvent next = queue.poll(wait, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
        }
    }

    /**
     * One transaction for the batch; if any event spoils it, each is stored on its own, with the fallbacks. The batch
     * flushes once, at commit: each event looks up the resources it names, and with Hibernate's default flush mode
     * every lookup would first flush, walking all the events stored so far in the batch.
     */
    private void storeAll(List<AuditEvent> batch) {
        if (batch.size() > 1) {
            try {
                transactions.withSystemRequest().execute(() -> {
                    entityManager.setFlushMode(FlushModeType.COMMIT);
                    TransactionDetails transaction = new TransactionDetails();
                    batch.forEach(event -> create(event, transaction));
                });
                return;
            } catch (RuntimeException oneFailed) {
                log.debug("Audit batch of {} failed, storing one by one", batch.size(), oneFailed);
            }
        }
        batch.forEach(event -> store(event, new TransactionDetails()));
    }

    private void create(AuditEvent event, TransactionDetails transaction) {
        daos.getResourceDao(AuditEvent.class).create(event, null, true, new SystemRequestDetails(), transaction);
    }

    private void store(AuditEvent event, TransactionDetails transaction) {
        if (event.getAction() == AuditEvent.AuditEventAction.D) {
            event.getEntity().forEach(entity -> keepDeletedAsIdentifier(entity.getWhat()));
        }
        try {
            create(event, transaction);
        } catch (InvalidRequestException deletedTarget) {
            // A read of an old version of a since-deleted resource: name it by identifier instead. Reads run outside
            // any write transaction, so the failed attempt spoils nothing.
            event.getEntity().forEach(entity -> keepDeletedAsIdentifier(entity.getWhat()));
            create(event, transaction);
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
        int queued = queue.size();
        long start = System.nanoTime();
        stopping = true;
        writer.join(STOP_TIMEOUT.toMillis());
        if (writer.isAlive()) {
            // Not interrupted: an interrupt in H2's file I/O closes the file under the database (Session 20). The
            // writer stops after the batch it is storing.
            abandoned = true;
            writer.join(STOP_TIMEOUT.toMillis());
            log.error("Stopping with {} audit events of reads and searches not stored: the writer did not store the "
                    + "{} queued at the stop within {} s", queue.size(), queued, STOP_TIMEOUT.toSeconds());
        } else if (queued > 0) {
            log.info("Stored the {} queued audit events of reads and searches before stopping, in {} ms", queued,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
    }
}
