package org.ketaminefhir.subscription.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When to try a failed notification again: the delay doubles from {@code firstRetry} up to {@code maxDelay}, and after
 * {@code giveUpAfter} of failing the Subscription is given up (set to error), so a dead endpoint does not hold work for
 * ever.
 */
public record RetrySchedule(Duration firstRetry, Duration maxDelay, Duration giveUpAfter) {

    public RetrySchedule {
        if (firstRetry.isNegative() || firstRetry.isZero()) {
            throw new IllegalArgumentException("first-retry must be positive");
        }
        if (maxDelay.compareTo(firstRetry) < 0) {
            throw new IllegalArgumentException("the longest retry delay must not be shorter than the first");
        }
        if (giveUpAfter.compareTo(firstRetry) < 0) {
            throw new IllegalArgumentException("give-up-after must be at least first-retry");
        }
    }

    /**
     * The time of the next attempt after {@code failures} failed ones, the first of which was at {@code firstFailure};
     * empty once the endpoint has failed for {@code giveUpAfter}.
     */
    public Optional<Instant> nextAttempt(int failures, Instant firstFailure, Instant now) {
        if (failures < 1) {
            throw new IllegalArgumentException("no failure to retry");
        }
        if (Duration.between(firstFailure, now).compareTo(giveUpAfter) >= 0) {
            return Optional.empty();
        }
        Duration delay = firstRetry;
        for (int i = 1; i < failures && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return Optional.of(now.plus(delay.compareTo(maxDelay) > 0 ? maxDelay : delay));
    }
}
