package org.ketaminefhir.subscription;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.matcher.InMemoryMatchResult;
import ca.uhn.fhir.jpa.searchparam.matcher.InMemoryResourceMatcher;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.ketaminefhir.subscription.rules.RestHookChannel;

/**
 * Checks every Subscription that is written and puts it into effect: a rest-hook with criteria the server can match
 * as each resource is stored, and an endpoint the server may call. A {@code requested} Subscription becomes
 * {@code active} at once. Notifications of a Subscription that is not active wait; setting it active sends them at
 * once; deleting it drops them.
 */
@Interceptor
public class SubscriptionRequests {

    private final FhirContext fhirContext;
    private final InMemoryResourceMatcher matcher;
    private final NotificationQueue queue;
    private final Pattern allowedEndpoints;

    SubscriptionRequests(FhirContext fhirContext, InMemoryResourceMatcher matcher, NotificationQueue queue,
            Pattern allowedEndpoints) {
        this.fhirContext = fhirContext;
        this.matcher = matcher;
        this.queue = queue;
        this.allowedEndpoints = allowedEndpoints;
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        if (resource instanceof Subscription subscription) {
            check(subscription);
            activate(subscription);
        }
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource updated) {
        if (updated instanceof Subscription subscription) {
            check(subscription);
            activate(subscription);
            boolean wasActive = ((Subscription) previous).getStatus() == SubscriptionStatus.ACTIVE;
            if (subscription.getStatus() == SubscriptionStatus.ACTIVE) {
                if (!wasActive) {
                    subscription.setError(null);
                }
                // Whatever waited (while it was off, in error or failing) is due again.
                queue.resume(subscription.getIdElement().getIdPart(), Instant.now());
            }
        }
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
    public void deleted(IBaseResource resource) {
        if (resource instanceof Subscription subscription) {
            queue.discard(subscription.getIdElement().getIdPart());
        }
    }

    private static void activate(Subscription subscription) {
        if (subscription.getStatus() == SubscriptionStatus.REQUESTED) {
            subscription.setStatus(SubscriptionStatus.ACTIVE);
        }
    }

    private void check(Subscription subscription) {
        List<String> problems = new ArrayList<>();
        if (subscription.getChannel().getType() != SubscriptionChannelType.RESTHOOK) {
            problems.add("Subscription.channel.type must be rest-hook; this server delivers no other channel");
        } else {
            Subscription.SubscriptionChannelComponent channel = subscription.getChannel();
            problems.addAll(RestHookChannel.read(channel.getEndpoint(), channel.getPayload(),
                    channel.getHeader().stream().map(h -> h.getValue()).toList(), allowedEndpoints).problems());
        }
        problems.addAll(criteriaProblems(subscription.getCriteria()));
        if (!problems.isEmpty()) {
            throw new UnprocessableEntityException(String.join("; ", problems));
        }
    }

    private List<String> criteriaProblems(String criteria) {
        if (criteria == null || criteria.isBlank()) {
            return List.of("Subscription.criteria is required, e.g. DetectedIssue?patient=Patient/123");
        }
        String type = SubscriptionCriteria.resourceType(criteria);
        if (!fhirContext.getResourceTypes().contains(type)) {
            return List.of("Subscription.criteria must start with a resource type: '" + type + "' is none");
        }
        try {
            InMemoryMatchResult evaluable = matcher.canBeEvaluatedInMemory(criteria);
            if (!evaluable.supported()) {
                return List.of("Subscription.criteria " + criteria + " cannot be matched as resources are stored: "
                        + evaluable.getUnsupportedReason());
            }
        } catch (BaseServerResponseException | IllegalArgumentException e) {
            return List.of("Subscription.criteria " + criteria + " is not a valid search: " + e.getMessage());
        }
        return List.of();
    }
}
