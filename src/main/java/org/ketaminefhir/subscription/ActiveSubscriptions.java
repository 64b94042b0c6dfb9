package org.ketaminefhir.subscription;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.ketaminefhir.subscription.rules.RestHookChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The active rest-hook Subscriptions, as committed in the shared database. Each transaction asks the database for the
 * Subscriptions' current versions (one indexed query) and reloads only those that changed, so a Subscription created or
 * switched off on one node counts on every node from the next write on; no node waits for a refresh cycle.
 */
class ActiveSubscriptions {

    private static final Logger log = LoggerFactory.getLogger(ActiveSubscriptions.class);

    private record Known(long version, Optional<WatchedSubscription> watched) {}

    private final DaoRegistry daos;
    private final EntityManagerFactory entityManagerFactory;
    private final Pattern allowedEndpoints;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    ActiveSubscriptions(DaoRegistry daos, EntityManagerFactory entityManagerFactory, Pattern allowedEndpoints) {
        this.daos = daos;
        this.entityManagerFactory = entityManagerFactory;
        this.allowedEndpoints = allowedEndpoints;
    }

    /** The active Subscriptions as this transaction sees them; looked up once per transaction. */
    @SuppressWarnings("unchecked")
    List<WatchedSubscription> inThisTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return current();
        }
        List<WatchedSubscription> cached = (List<WatchedSubscription>) TransactionSynchronizationManager.getResource(this);
        if (cached == null) {
            cached = current();
            TransactionSynchronizationManager.bindResource(this, cached);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(ActiveSubscriptions.this);
                }
            });
        }
        return cached;
    }

    /** The Subscription if it is active now; must run inside a transaction. */
    Optional<WatchedSubscription> find(String id) {
        return current().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** Whether the Subscription exists (in any status); must run inside a transaction. */
    boolean isStored(String id) {
        return !entityManager().createQuery("""
                        SELECT r.myFhirId FROM ResourceTable r
                        WHERE r.myResourceType = 'Subscription' AND r.myFhirId = :id AND r.myDeleted IS NULL""",
                        String.class)
                .setParameter("id", id)
                .getResultList()
                .isEmpty();
    }

    private EntityManager entityManager() {
        return InTransaction.entityManager(entityManagerFactory);
    }

    private List<WatchedSubscription> current() {
        Map<String, Long> versions = new HashMap<>();
        for (Object[] row : entityManager().createQuery("""
                        SELECT r.myFhirId, r.myVersion FROM ResourceTable r
                        WHERE r.myResourceType = 'Subscription' AND r.myDeleted IS NULL""", Object[].class)
                .getResultList()) {
            versions.put((String) row[0], (Long) row[1]);
        }
        known.keySet().retainAll(versions.keySet());
        Map<String, Known> seen = new HashMap<>();
        TokenOrListParam changed = new TokenOrListParam();
        versions.forEach((id, version) -> {
            Known entry = known.get(id);
            if (entry != null && entry.version() == version) {
                seen.put(id, entry);
            } else {
                changed.addOr(new TokenParam(id));
            }
        });
        if (!changed.getValuesAsQueryTokens().isEmpty()) {
            SearchParameterMap byId = SearchParameterMap.newSynchronous();
            byId.add("_id", changed);
            for (IBaseResource resource : daos.getResourceDao(Subscription.class)
                    .search(byId, new SystemRequestDetails())
                    .getAllResources()) {
                Subscription subscription = (Subscription) resource;
                Known entry = new Known(subscription.getIdElement().getVersionIdPartAsLong(), watched(subscription));
                seen.put(subscription.getIdElement().getIdPart(), entry);
                known.put(subscription.getIdElement().getIdPart(), entry);
            }
        }
        return seen.values().stream().flatMap(k -> k.watched().stream()).toList();
    }

    private Optional<WatchedSubscription> watched(Subscription subscription) {
        if (subscription.getStatus() != SubscriptionStatus.ACTIVE
                || subscription.getChannel().getType() != SubscriptionChannelType.RESTHOOK) {
            return Optional.empty();
        }
        Subscription.SubscriptionChannelComponent channel = subscription.getChannel();
        RestHookChannel.Result read = RestHookChannel.read(channel.getEndpoint(), channel.getPayload(),
                channel.getHeader().stream().map(h -> h.getValue()).toList(), allowedEndpoints);
        String criteria = subscription.getCriteria();
        if (read.channel().isEmpty() || criteria == null) {
            // Accepted once, but the server's endpoint policy has changed since: nothing is sent there.
            log.warn("Subscription/{} is active but not deliverable: {}", subscription.getIdElement().getIdPart(),
                    read.problems());
            return Optional.empty();
        }
        return Optional.of(new WatchedSubscription(subscription.getIdElement().getIdPart(),
                SubscriptionCriteria.resourceType(criteria), criteria, read.channel().get(),
                subscription.hasEnd() ? subscription.getEnd().toInstant() : null));
    }
}
