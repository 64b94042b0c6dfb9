package org.ketaminefhir.subscription;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.matcher.InMemoryMatchResult;
import ca.uhn.fhir.jpa.searchparam.matcher.SearchParamMatcher;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.time.Instant;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Matches every stored resource version against the active Subscriptions and records a pending notification for each
 * match, inside the write's own transaction: the notification exists exactly when the write committed. Resources the
 * server derives in the same transaction (alerts, scores) are matched like any other.
 */
@Interceptor
public class NotificationOutbox {

    private static final Logger log = LoggerFactory.getLogger(NotificationOutbox.class);
    private static final Object WAKE_REGISTERED = new Object();

    private final ActiveSubscriptions subscriptions;
    private final SearchParamMatcher matcher;
    private final NotificationQueue queue;
    private final NotificationWorker worker;

    NotificationOutbox(ActiveSubscriptions subscriptions, SearchParamMatcher matcher, NotificationQueue queue,
            NotificationWorker worker) {
        this.subscriptions = subscriptions;
        this.matcher = matcher;
        this.queue = queue;
        this.worker = worker;
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        stored(resource);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource updated) {
        // $meta-add and $meta-delete change tags without making a new version: nothing new to notify.
        String before = previous == null ? null : previous.getIdElement().getVersionIdPart();
        if (before == null || !before.equals(updated.getIdElement().getVersionIdPart())) {
            stored(updated);
        }
    }

    private void stored(IBaseResource resource) {
        List<WatchedSubscription> watching = subscriptions.inThisTransaction().stream()
                .filter(s -> s.resourceType().equals(resource.fhirType()))
                .toList();
        if (watching.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        for (WatchedSubscription subscription : watching) {
            if (!subscription.isOpenAt(now)) {
                continue;
            }
            InMemoryMatchResult result;
            try {
                result = matcher.match(subscription.criteria(), resource, new SystemRequestDetails());
            } catch (RuntimeException e) {
                // A Subscription whose criteria broke since (a search parameter removed) must not fail clients' writes.
                log.warn("Subscription/{} criteria could not be matched: {}", subscription.id(), e.getMessage());
                continue;
            }
            if (!result.supported()) {
                log.warn("Subscription/{} criteria can no longer be matched: {}", subscription.id(),
                        result.getUnsupportedReason());
            } else if (result.matched()) {
                queue.add(subscription.id(), resource.fhirType(), resource.getIdElement().getIdPart(),
                        resource.getIdElement().getVersionIdPartAsLong(), now);
                wakeWorkerAfterCommit();
            }
        }
    }

    private void wakeWorkerAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()
                && !TransactionSynchronizationManager.hasResource(WAKE_REGISTERED)) {
            TransactionSynchronizationManager.bindResource(WAKE_REGISTERED, Boolean.TRUE);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(WAKE_REGISTERED);
                    if (status == STATUS_COMMITTED) {
                        worker.wake();
                    }
                }
            });
        }
    }
}
