package org.ketaminefhir.subscription;

import java.time.Instant;
import org.ketaminefhir.subscription.rules.RestHookChannel;

/** An active rest-hook Subscription as the server acts on it: what it watches and where notifications go. */
record WatchedSubscription(String id, String resourceType, String criteria, RestHookChannel channel, Instant end) {

    boolean isOpenAt(Instant now) {
        return end == null || now.isBefore(end);
    }
}
