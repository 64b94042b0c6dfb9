package org.ketaminefhir.subscription;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.ketaminefhir.subscription.rules.RetrySchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers pending notifications. Every node runs one: it polls the shared queue, and is woken at once when a write
 * on this node queued something. A Subscription's notifications go out one at a time, oldest first, by whichever node
 * leases its head; a failure is retried on the {@link RetrySchedule}, and when the schedule gives up the Subscription
 * is set to {@code error}; its notifications wait until a client sets it active again.
 */
class NotificationWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NotificationWorker.class);
    private static final int SENDERS = 4;
    private static final int SUBSCRIPTIONS_PER_POLL = 100;
    /** How long a notification of a Subscription that is not active waits before the worker looks again. */
    private static final Duration HOLD = Duration.ofSeconds(30);

    private final String node = UUID.randomUUID().toString();
    private final NotificationQueue queue;
    private final ActiveSubscriptions subscriptions;
    private final DaoRegistry daos;
    private final FhirContext fhirContext;
    private final RestHookSender sender;
    private final TransactionTemplate transactions;
    private final SubscriptionProperties properties;
    private final RetrySchedule retries;
    private final Set<String> draining = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService poller;
    private volatile ThreadPoolExecutor senders;

    NotificationWorker(NotificationQueue queue, ActiveSubscriptions subscriptions, DaoRegistry daos,
            FhirContext fhirContext, RestHookSender sender, TransactionTemplate transactions,
            SubscriptionProperties properties) {
        this.queue = queue;
        this.subscriptions = subscriptions;
        this.daos = daos;
        this.fhirContext = fhirContext;
        this.sender = sender;
        this.transactions = transactions;
        this.properties = properties;
        this.retries = properties.retrySchedule();
    }

    @Override
    public void start() {
        senders = new ThreadPoolExecutor(SENDERS, SENDERS, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(SUBSCRIPTIONS_PER_POLL),
                runnable -> daemon(runnable, "subscription-delivery"));
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "subscription-poller"));
        long interval = properties.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::poll, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService p = poller;
        ThreadPoolExecutor s = senders;
        poller = null;
        senders = null;
        if (p != null) {
            // shutdown, not shutdownNow: an interrupt during a poll's database read closes H2's file (Session 20).
            p.shutdown();
            try {
                p.awaitTermination(properties.deliveryTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (s != null) {
            // Deliveries under way finish within their timeout; anything unsent stays queued for the next node.
            s.shutdown();
            try {
                s.awaitTermination(properties.deliveryTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }

    /** Looks for work now rather than at the next poll (called after a commit that queued notifications). */
    void wake() {
        ScheduledExecutorService p = poller;
        if (p != null) {
            try {
                p.execute(this::poll);
            } catch (RejectedExecutionException stopping) {
                // The server is stopping; the notification stays queued.
            }
        }
    }

    private void poll() {
        try {
            List<String> due = transactions.execute(tx -> queue.subscriptionsDue(Instant.now(), SUBSCRIPTIONS_PER_POLL));
            ThreadPoolExecutor s = senders;
            for (String subscription : due == null || s == null ? List.<String>of() : due) {
                if (draining.add(subscription)) {
                    try {
                        s.execute(() -> drain(subscription));
                    } catch (RejectedExecutionException busy) {
                        draining.remove(subscription);
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn("Looking for due notifications failed; trying again at the next poll", e);
        }
    }

    /** Sends the Subscription's due notifications in order until one fails or none is left. */
    private void drain(String subscriptionId) {
        try {
            while (isRunning()) {
                Instant now = Instant.now();
                Optional<PendingNotification> head = transactions.execute(tx ->
                        queue.claimHead(subscriptionId, node, now, now.plus(properties.lease())));
                if (head == null || head.isEmpty() || !deliverOrRecordFailure(head.get())) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            log.warn("Delivering notifications of Subscription/{} failed; trying again at the next poll",
                    subscriptionId, e);
        } finally {
            draining.remove(subscriptionId);
        }
    }

    private boolean deliverOrRecordFailure(PendingNotification notification) {
        try {
            return deliver(notification);
        } catch (RuntimeException e) {
            recordFailure(notification, "the server could not send it: " + e);
            return false;
        }
    }

    private boolean deliver(PendingNotification notification) {
        Instant now = Instant.now();
        Optional<WatchedSubscription> subscription = transactions.execute(tx ->
                subscriptions.find(notification.subscriptionId()));
        if (subscription == null || subscription.isEmpty() || !subscription.get().isOpenAt(now)) {
            transactions.executeWithoutResult(tx -> {
                if (subscriptions.isStored(notification.subscriptionId())) {
                    // Off, in error, past its end, or not deliverable under the endpoint policy: look again later.
                    queue.hold(notification, node, now.plus(HOLD));
                } else {
                    queue.discard(notification.subscriptionId());
                }
            });
            return false;
        }
        WatchedSubscription target = subscription.get();
        String body = null;
        if (target.channel().payload().isPresent()) {
            Optional<IBaseResource> resource = version(notification);
            if (resource.isEmpty()) {
                log.warn("{} no longer exists; its notification is dropped", notification.deliveryId());
                transactions.executeWithoutResult(tx -> queue.delivered(notification, node));
                return true;
            }
            IParser parser = target.channel().sendsXml() ? fhirContext.newXmlParser() : fhirContext.newJsonParser();
            body = parser.encodeResourceToString(resource.get());
        }
        Optional<String> failure = sender.send(target.channel(), notification.resourceType(),
                notification.resourceId(), body, notification.deliveryId());
        if (failure.isEmpty()) {
            transactions.executeWithoutResult(tx -> queue.delivered(notification, node));
            return true;
        }
        recordFailure(notification, failure.get());
        return false;
    }

    private Optional<IBaseResource> version(PendingNotification notification) {
        IdType id = new IdType(notification.resourceType(), notification.resourceId(),
                String.valueOf(notification.resourceVersion()));
        try {
            return Optional.of(daos.getResourceDao(notification.resourceType()).read(id, new SystemRequestDetails()));
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return Optional.empty();
        }
    }

    private void recordFailure(PendingNotification notification, String error) {
        Instant now = Instant.now();
        Instant firstFailure = notification.firstFailureAt() == null ? now : notification.firstFailureAt();
        Optional<Instant> next = retries.nextAttempt(notification.failedAttempts() + 1, firstFailure, now);
        transactions.executeWithoutResult(tx ->
                queue.failed(notification, node, error, firstFailure, next.orElse(now.plus(HOLD))));
        if (next.isPresent()) {
            log.debug("Notification {} failed ({}); next attempt at {}", notification.deliveryId(), error, next.get());
            return;
        }
        log.warn("Notification {} failed ({}); giving up, Subscription/{} is set to error", notification.deliveryId(),
                error, notification.subscriptionId());
        try {
            transactions.executeWithoutResult(tx -> giveUp(notification.subscriptionId(), error));
        } catch (RuntimeException e) {
            log.warn("Subscription/{} could not be set to error; its notifications keep being retried",
                    notification.subscriptionId(), e);
        }
    }

    /** Sets the Subscription to error (which holds its queue) with the reason, for the client to see. */
    private void giveUp(String subscriptionId, String error) {
        var dao = daos.getResourceDao(Subscription.class);
        Subscription subscription = dao.read(new IdType("Subscription", subscriptionId), new SystemRequestDetails());
        subscription.setStatus(SubscriptionStatus.ERROR);
        subscription.setError("Notifications failed for " + properties.giveUpAfter() + "; the last attempt: " + error
                + ". Set status to active to resume delivery of the held notifications.");
        dao.update(subscription, new SystemRequestDetails());
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
