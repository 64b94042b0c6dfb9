package org.ketaminefhir.subscription;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;

/**
 * One notification a Subscription is owed: which resource version matched it. Written in the transaction of the write
 * that matched, deleted once the receiver accepted it. {@code nextAttemptAt} is when it may be tried (again);
 * {@code claimedBy}/{@code claimedUntil} is the lease of the node delivering it.
 */
@Entity
@Table(name = "KTM_PENDING_NOTIFICATION",
        uniqueConstraints = @UniqueConstraint(name = "KTM_PENDING_NOTIF_UNIQUE",
                columnNames = {"SUBSCRIPTION_ID", "RESOURCE_TYPE", "RESOURCE_ID", "RESOURCE_VERSION"}),
        indexes = {
            @Index(name = "KTM_PENDING_NOTIF_DUE", columnList = "NEXT_ATTEMPT_AT"),
            @Index(name = "KTM_PENDING_NOTIF_SUBSCRIPTION", columnList = "SUBSCRIPTION_ID, ID")
        })
class PendingNotification {

    // One sequence value per row (no pre-allocated blocks), so the versions of one resource, whose writes are
    // serialized by the resource's row lock, queue in the order they were written whichever node wrote them.
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "KTM_PENDING_NOTIFICATION")
    @SequenceGenerator(name = "KTM_PENDING_NOTIFICATION", sequenceName = "SEQ_KTM_PENDING_NOTIFICATION",
            allocationSize = 1)
    @Column(name = "ID")
    private Long id;

    @Column(name = "SUBSCRIPTION_ID", length = 64, nullable = false)
    private String subscriptionId;

    @Column(name = "RESOURCE_TYPE", length = 64, nullable = false)
    private String resourceType;

    @Column(name = "RESOURCE_ID", length = 64, nullable = false)
    private String resourceId;

    @Column(name = "RESOURCE_VERSION", nullable = false)
    private long resourceVersion;

    @Column(name = "CREATED_AT", nullable = false)
    private Instant createdAt;

    @Column(name = "NEXT_ATTEMPT_AT")
    private Instant nextAttemptAt;

    @Column(name = "FAILED_ATTEMPTS", nullable = false)
    private int failedAttempts;

    @Column(name = "FIRST_FAILURE_AT")
    private Instant firstFailureAt;

    @Column(name = "LAST_ERROR", length = 500)
    private String lastError;

    @Column(name = "CLAIMED_BY", length = 64)
    private String claimedBy;

    @Column(name = "CLAIMED_UNTIL")
    private Instant claimedUntil;

    protected PendingNotification() {}

    PendingNotification(String subscriptionId, String resourceType, String resourceId, long resourceVersion,
            Instant now) {
        this.subscriptionId = subscriptionId;
        this.resourceType = resourceType;
        this.resourceId = resourceId;
        this.resourceVersion = resourceVersion;
        this.createdAt = now;
        this.nextAttemptAt = now;
    }

    Long id() {
        return id;
    }

    String subscriptionId() {
        return subscriptionId;
    }

    String resourceType() {
        return resourceType;
    }

    String resourceId() {
        return resourceId;
    }

    long resourceVersion() {
        return resourceVersion;
    }

    Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    Instant claimedUntil() {
        return claimedUntil;
    }

    int failedAttempts() {
        return failedAttempts;
    }

    Instant firstFailureAt() {
        return firstFailureAt;
    }

    /** The id a receiver can use to recognise a notification it has seen (the same on every retry and node). */
    String deliveryId() {
        return "Subscription/" + subscriptionId + "/" + resourceType + "/" + resourceId + "/_history/" + resourceVersion;
    }
}
