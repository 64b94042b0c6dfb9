package org.ketaminefhir.subscription;

import java.time.Duration;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.ketaminefhir.subscription.rules.RetrySchedule;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rest-hook delivery, bound from {@code ketamine.subscriptions.*} and checked at start-up.
 *
 * @param allowedEndpoints regular expression every Subscription endpoint must match; HTTPS anywhere by default
 * @param firstRetry delay before the first retry of a failed notification; later ones double, up to ten minutes
 * @param giveUpAfter how long an endpoint may keep failing before its Subscription is set to error
 * @param deliveryTimeout how long one notification may take, connecting and answering
 */
@ConfigurationProperties("ketamine.subscriptions")
public record SubscriptionProperties(
        @DefaultValue("https://.+") String allowedEndpoints,
        @DefaultValue("5s") Duration firstRetry,
        @DefaultValue("24h") Duration giveUpAfter,
        @DefaultValue("10s") Duration deliveryTimeout) {

    private static final Duration LONGEST_RETRY_DELAY = Duration.ofMinutes(10);
    private static final Duration LONGEST_POLL_INTERVAL = Duration.ofSeconds(1);

    public SubscriptionProperties {
        if (deliveryTimeout.isNegative() || deliveryTimeout.isZero()) {
            throw new IllegalArgumentException("ketamine.subscriptions.delivery-timeout must be positive");
        }
    }

    Pattern endpointPattern() {
        try {
            return Pattern.compile(allowedEndpoints);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("ketamine.subscriptions.allowed-endpoints is not a regular expression: "
                    + e.getDescription(), e);
        }
    }

    RetrySchedule retrySchedule() {
        try {
            Duration maxDelay = firstRetry.compareTo(LONGEST_RETRY_DELAY) > 0 ? firstRetry : LONGEST_RETRY_DELAY;
            return new RetrySchedule(firstRetry, maxDelay, giveUpAfter);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ketamine.subscriptions: " + e.getMessage(), e);
        }
    }

    /** How often each node looks for due notifications that another node wrote or that wait for a retry. */
    Duration pollInterval() {
        return firstRetry.compareTo(LONGEST_POLL_INTERVAL) < 0 ? firstRetry : LONGEST_POLL_INTERVAL;
    }

    /** How long a node holds a notification it is delivering before another node may take it over. */
    Duration lease() {
        return deliveryTimeout.multipliedBy(2).plusSeconds(30);
    }
}
