package org.ketaminefhir.support;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for something the server does in the background (audit writer, delivery worker) to show. */
public final class Poll {

    private Poll() {}

    /** Reads {@code value} every 100 ms until it satisfies {@code done} or {@code timeout} passes; returns the last read. */
    public static <T> T until(Supplier<T> value, Predicate<T> done, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        T current = value.get();
        while (!done.test(current) && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return current;
            }
            current = value.get();
        }
        return current;
    }
}
