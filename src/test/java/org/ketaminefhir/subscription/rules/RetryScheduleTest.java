package org.ketaminefhir.subscription.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final Instant FIRST_FAILURE = Instant.parse("2026-11-21T10:00:00Z");
    private final RetrySchedule schedule =
            new RetrySchedule(Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ofHours(24));

    @ParameterizedTest(name = "after {0} failures: retry in {1} s")
    @CsvSource({"1, 5", "2, 10", "3, 20", "4, 40", "7, 320", "8, 600", "30, 600"})
    void theDelayDoublesUpToTheLongest(int failures, long seconds) {
        Instant now = FIRST_FAILURE.plusSeconds(60);
        assertThat(schedule.nextAttempt(failures, FIRST_FAILURE, now)).contains(now.plusSeconds(seconds));
    }

    @Test
    void itGivesUpOnceTheEndpointHasFailedForTheWholePeriod() {
        assertThat(schedule.nextAttempt(50, FIRST_FAILURE, FIRST_FAILURE.plus(Duration.ofHours(24)).minusMillis(1)))
                .isPresent();
        assertThat(schedule.nextAttempt(50, FIRST_FAILURE, FIRST_FAILURE.plus(Duration.ofHours(24)))).isEmpty();
    }

    @Test
    void inconsistentSettingsAreRefused() {
        assertThatThrownBy(() -> new RetrySchedule(Duration.ZERO, Duration.ofMinutes(1), Duration.ofHours(1)))
                .hasMessage("first-retry must be positive");
        assertThatThrownBy(() -> new RetrySchedule(Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofHours(1)))
                .hasMessage("the longest retry delay must not be shorter than the first");
        assertThatThrownBy(() -> new RetrySchedule(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofSeconds(1)))
                .hasMessage("give-up-after must be at least first-retry");
    }
}
