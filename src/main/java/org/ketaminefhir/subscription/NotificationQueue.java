package org.ketaminefhir.subscription;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The pending notifications in the database. Every method joins the caller's transaction. Only the oldest
 * notification of a Subscription (its head) is ever delivered, and only by the node holding its lease, so a receiver
 * gets a Subscription's notifications one at a time, in order, once each.
 */
@Component
class NotificationQueue {

    private final EntityManagerFactory entityManagerFactory;

    NotificationQueue(EntityManagerFactory entityManagerFactory) {
        this.entityManagerFactory = entityManagerFactory;
    }

    void add(String subscriptionId, String resourceType, String resourceId, long version, Instant now) {
        entityManager().persist(new PendingNotification(subscriptionId, resourceType, resourceId, version, now));
    }

    /**
     * Subscriptions whose oldest notification is due and not leased by any node, longest waiting first. Only the
     * oldest counts: notifications behind one that waits for a retry wait too.
     */
    List<String> subscriptionsDue(Instant now, int max) {
        return entityManager().createQuery("""
                        SELECT p.subscriptionId FROM PendingNotification p
                        WHERE p.id IN (SELECT MIN(q.id) FROM PendingNotification q GROUP BY q.subscriptionId)
                          AND p.nextAttemptAt <= :now AND (p.claimedUntil IS NULL OR p.claimedUntil < :now)
                        ORDER BY p.nextAttemptAt""", String.class)
                .setParameter("now", now)
                .setMaxResults(max)
                .getResultList();
    }

    /** Leases the Subscription's oldest notification if it is due and free; empty when there is nothing to do. */
    Optional<PendingNotification> claimHead(String subscriptionId, String node, Instant now, Instant leaseUntil) {
        List<PendingNotification> heads = entityManager().createQuery(
                        "SELECT p FROM PendingNotification p WHERE p.subscriptionId = :subscription ORDER BY p.id",
                        PendingNotification.class)
                .setParameter("subscription", subscriptionId)
                .setMaxResults(1)
                .getResultList();
        if (heads.isEmpty()) {
            return Optional.empty();
        }
        PendingNotification head = heads.get(0);
        // The conditional update is the lock: of two nodes racing for the head, one updates a row, the other none.
        int claimed = entityManager().createQuery("""
                        UPDATE PendingNotification p SET p.claimedBy = :node, p.claimedUntil = :until
                        WHERE p.id = :id AND p.nextAttemptAt <= :now
                          AND (p.claimedUntil IS NULL OR p.claimedUntil < :now)""")
                .setParameter("node", node)
                .setParameter("until", leaseUntil)
                .setParameter("id", head.id())
                .setParameter("now", now)
                .executeUpdate();
        if (claimed != 1) {
            return Optional.empty();
        }
        entityManager().refresh(head);
        return Optional.of(head);
    }

    /** Removes a delivered notification, if this node still holds its lease. */
    void delivered(PendingNotification notification, String node) {
        entityManager().createQuery("DELETE FROM PendingNotification p WHERE p.id = :id AND p.claimedBy = :node")
                .setParameter("id", notification.id())
                .setParameter("node", node)
                .executeUpdate();
    }

    /** Records a failed attempt and when to try again, and gives up the lease. */
    void failed(PendingNotification notification, String node, String error, Instant firstFailure, Instant nextAttempt) {
        entityManager().createQuery("""
                        UPDATE PendingNotification p SET p.failedAttempts = p.failedAttempts + 1,
                            p.firstFailureAt = :firstFailure, p.nextAttemptAt = :next, p.lastError = :error,
                            p.claimedBy = NULL, p.claimedUntil = NULL
                        WHERE p.id = :id AND p.claimedBy = :node""")
                .setParameter("firstFailure", firstFailure)
                .setParameter("next", nextAttempt)
                .setParameter("error", error.length() > 500 ? error.substring(0, 500) : error)
                .setParameter("id", notification.id())
                .setParameter("node", node)
                .executeUpdate();
    }

    /** Puts a notification back untried until {@code until} (its Subscription is not active now). */
    void hold(PendingNotification notification, String node, Instant until) {
        entityManager().createQuery("""
                        UPDATE PendingNotification p SET p.nextAttemptAt = :until, p.claimedBy = NULL,
                            p.claimedUntil = NULL
                        WHERE p.id = :id AND p.claimedBy = :node""")
                .setParameter("until", until)
                .setParameter("id", notification.id())
                .setParameter("node", node)
                .executeUpdate();
    }

    /** Makes an active Subscription's notifications due now, with a fresh retry budget; leases are left alone. */
    void resume(String subscriptionId, Instant now) {
        entityManager().createQuery("""
                        UPDATE PendingNotification p SET p.nextAttemptAt = :now, p.failedAttempts = 0,
                            p.firstFailureAt = NULL
                        WHERE p.subscriptionId = :subscription""")
                .setParameter("now", now)
                .setParameter("subscription", subscriptionId)
                .executeUpdate();
    }

    void discard(String subscriptionId) {
        entityManager().createQuery("DELETE FROM PendingNotification p WHERE p.subscriptionId = :subscription")
                .setParameter("subscription", subscriptionId)
                .executeUpdate();
    }

    private EntityManager entityManager() {
        return InTransaction.entityManager(entityManagerFactory);
    }
}
