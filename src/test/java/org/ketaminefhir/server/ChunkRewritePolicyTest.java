package org.ketaminefhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.ketaminefhir.server.ChunkRewritePolicy.Pass;
import org.junit.jupiter.api.Test;

class ChunkRewritePolicyTest {

    private static final long MEMORY = 16 * 1024 * 1024;

    private final ChunkRewritePolicy policy = new ChunkRewritePolicy(MEMORY);

    @Test
    void inUseItRewritesAQuarterOfTheAutoCommitMemoryBelowTheBusyFillRateAndMovesNothing() {
        assertThat(plan(1_000, 61, 40)).isEqualTo(new Pass(0, MEMORY / 4));
        done(1_200, 61, 40);
        assertThat(plan(5_000, 62, 40)).isEqualTo(Pass.NOTHING);
        done(5_000, 62, 40);
        assertThat(plan(9_000, 30, 95)).isEqualTo(new Pass(0, MEMORY / 4));
    }

    @Test
    void idleItRewritesBelowTheIdleFillRateAndMovesChunksWhileTheFileIsPartlyEmpty() {
        assertThat(plan(1_000, 80, 95)).as("in use").isEqualTo(Pass.NOTHING);
        done(1_000, 80, 95);
        assertThat(plan(1_009, 80, 95)).as("fewer than 10 operations since the last pass")
                .isEqualTo(new Pass(0, MEMORY));
        done(2_500, 85, 50);
        assertThat(plan(2_500, 85, 50)).as("the pass's own operations are not use")
                .isEqualTo(new Pass(2 * MEMORY, MEMORY));
        done(2_600, 90, 70);
        assertThat(plan(2_600, 90, 70)).isEqualTo(new Pass(2 * MEMORY, 0));
        done(2_700, 90, 90);
        assertThat(plan(2_700, 90, 90)).isEqualTo(Pass.NOTHING);
    }

    @Test
    void idleHousekeepingStopsAtAPassThatGainsNothingUntilTheStoreIsUsedAgain() {
        assertThat(plan(1_000, 80, 60)).as("in use").isEqualTo(Pass.NOTHING);
        done(1_000, 80, 60);
        assertThat(plan(1_000, 80, 60)).isEqualTo(new Pass(2 * MEMORY, MEMORY));
        done(1_400, 84, 60);
        assertThat(plan(1_400, 84, 60)).as("the last pass gained").isEqualTo(new Pass(2 * MEMORY, MEMORY));
        done(1_700, 84, 60);

        assertThat(plan(1_700, 84, 60)).as("the last pass gained nothing").isEqualTo(Pass.NOTHING);
        done(1_700, 84, 60);
        assertThat(plan(1_705, 70, 60)).isEqualTo(Pass.NOTHING);
        done(1_705, 70, 60);

        assertThat(plan(3_000, 70, 60)).as("in use again").isEqualTo(Pass.NOTHING);
        done(3_000, 70, 60);
        assertThat(plan(3_000, 70, 60)).as("idle again").isEqualTo(new Pass(2 * MEMORY, MEMORY));
    }

    @Test
    void inUseARewriteThatHeldTheStoreTooLongIsFollowedBySmallerOnes() {
        assertThat(plan(1_000, 40, 60)).isEqualTo(new Pass(0, MEMORY / 4));
        policy.passDone(readings(1_100, 40, 60, SMALL_FILE), 900);
        assertThat(plan(2_000, 40, 60)).isEqualTo(new Pass(0, MEMORY / 8));
        for (int pass = 0; pass < 20; pass++) {
            policy.passDone(readings(3_000 + 1_000L * pass, 40, 60, SMALL_FILE), 900);
            plan(3_500 + 1_000L * pass, 40, 60);
        }
        assertThat(plan(50_000, 40, 60)).as("never below the least amount")
                .isEqualTo(new Pass(0, ChunkRewritePolicy.BUSY_MIN_BYTES));
        policy.passDone(readings(50_100, 40, 60, SMALL_FILE), 10);
        assertThat(plan(60_000, 40, 60)).as("a quick pass doubles it again")
                .isEqualTo(new Pass(0, 2 * ChunkRewritePolicy.BUSY_MIN_BYTES));
    }

    @Test
    void idleOnALargeFileItGoesOnUntilOnePercentOfTheFileWasRewrittenWithoutAGain() {
        long largeFile = 1_000 * MEMORY;
        policy.plan(readings(1_000, 80, 60, largeFile));
        policy.passDone(readings(1_000, 80, 60, largeFile), 5);
        for (int pass = 0; pass <= 10; pass++) {
            assertThat(policy.plan(readings(1_000, 80, 60, largeFile))).as("pass %d", pass)
                    .isEqualTo(new Pass(2 * MEMORY, MEMORY));
            policy.passDone(readings(1_000, 80, 60, largeFile), 5);
        }
        assertThat(policy.plan(readings(1_000, 80, 60, largeFile))).isEqualTo(Pass.NOTHING);
    }

    private static final long SMALL_FILE = 10 * MEMORY;

    private static H2StoreReadings readings(long fileOperations, int rewritableFillRate, int fileFillRate, long size) {
        return new H2StoreReadings(fileOperations, rewritableFillRate, fileFillRate, size);
    }

    private Pass plan(long fileOperations, int rewritableChunksFillRate, int fileFillRate) {
        return policy.plan(readings(fileOperations, rewritableChunksFillRate, fileFillRate, SMALL_FILE));
    }

    private void done(long fileOperations, int rewritableChunksFillRate, int fileFillRate) {
        policy.passDone(readings(fileOperations, rewritableChunksFillRate, fileFillRate, SMALL_FILE), 5);
    }
}
