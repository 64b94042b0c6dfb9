package org.ketaminefhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StepPaceTest {

    private static final long MIN = 256 * 1024;
    private static final long PASS = 20 * 1024 * 1024;

    private final StepPace pace = new StepPace(MIN, 4 * MIN);

    @Test
    void theFirstStepIsTheLeastAndQuickStepsDoubleIt() {
        assertThat(pace.next(PASS)).isEqualTo(MIN);
        pace.done(MIN, 1);
        assertThat(pace.next(PASS)).isEqualTo(2 * MIN);
        pace.done(2 * MIN, 0);
        assertThat(pace.next(PASS)).as("a step too quick to time").isEqualTo(4 * MIN);
    }

    @Test
    void aSlowStepIsFollowedByWhatItWouldHaveDoneInTheStepTime() {
        pace.done(8 * MIN, 4 * StepPace.STEP_MILLIS);
        assertThat(pace.next(PASS)).isEqualTo(2 * MIN);
        pace.done(2 * MIN, 100 * StepPace.STEP_MILLIS);
        assertThat(pace.next(PASS)).as("never below the least step").isEqualTo(MIN);
    }

    @Test
    void aStepIsNeverMoreThanWhatRemainsOfThePass() {
        pace.done(8 * MIN, 1);
        assertThat(pace.next(3 * MIN)).isEqualTo(3 * MIN);
        assertThat(pace.next(PASS)).isEqualTo(16 * MIN);
    }
}
