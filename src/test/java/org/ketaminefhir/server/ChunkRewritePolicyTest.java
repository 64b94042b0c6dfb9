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

    private Pass plan(long fileOperations, int rewritableChunksFillRate, int fileFillRate) {
        return policy.plan(new H2StoreReadings(fileOperations, rewritableChunksFillRate, fileFillRate));
    }

    private void done(long fileOperations, int rewritableChunksFillRate, int fileFillRate) {
        policy.passDone(new H2StoreReadings(fileOperations, rewritableChunksFillRate, fileFillRate));
    }
}
