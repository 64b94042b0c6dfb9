package org.ketaminefhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.ketaminefhir.server.ChunkRewritePolicy.Pass;
import org.junit.jupiter.api.Test;

class ChunkRewritePolicyTest {

    private static final long MEMORY = 16 * 1024 * 1024;
    private static final int RETENTION_PASSES = 3;
    private static final long FILE = 100 * MEMORY;
    private static final long CYCLE = ChunkRewritePolicy.CYCLE_REWRITE_PASSES * MEMORY;
    private static final long BUSY_MAX = MEMORY / 4;

    private final ChunkRewritePolicy policy = new ChunkRewritePolicy(MEMORY, RETENTION_PASSES);
    private long operations = 1_000;
    private long size = FILE;
    private long chunks = FILE * 80 / 100;
    private long written;

    @Test
    void inUseItRewritesBelowTheBusyFillRateAndMovesNothing() {
        warmedUp();
        assertThat(busy(61, 40)).isEqualTo(new Pass(0, BUSY_MAX));
        done(61, 40);
        assertThat(busy(62, 40)).isEqualTo(Pass.NOTHING);
        done(62, 40);
        assertThat(busy(30, 95)).isEqualTo(new Pass(0, BUSY_MAX));
    }

    @Test
    void afterAStartItRewritesTheLeastAmountAndDoublesItAfterEachQuickPassUpToAQuarterOfTheAutoCommitMemory() {
        long expected = ChunkRewritePolicy.BUSY_MIN_BYTES;
        assertThat(busyAfterWriting(0, 40, 60)).as("the first pass: cold pages, and nothing to compare with")
                .isEqualTo(new Pass(0, expected));
        done(40, 60);
        while (expected < BUSY_MAX) {
            expected = Math.min(BUSY_MAX, 2 * expected);
            assertThat(busy(40, 60)).isEqualTo(new Pass(0, expected));
            done(40, 60);
        }
        assertThat(busy(40, 60)).as("never more than a quarter of the auto-commit memory")
                .isEqualTo(new Pass(0, BUSY_MAX));
    }

    @Test
    void inUseTheNextPassRewritesWhatTheLastWouldHaveRewrittenInTheTimeBudget() {
        warmedUp();
        assertThat(busy(40, 60)).isEqualTo(new Pass(0, BUSY_MAX));
        policy.passDone(readings(40, 60), 8 * ChunkRewritePolicy.BUSY_PASS_MILLIS);
        assertThat(busy(40, 60)).as("what the pass would have rewritten in the budget")
                .isEqualTo(new Pass(0, BUSY_MAX / 8));
        for (int pass = 0; pass < 20; pass++) {
            policy.passDone(readings(40, 60), 900);
            busy(40, 60);
        }
        assertThat(busy(40, 60)).as("never below the least amount")
                .isEqualTo(new Pass(0, ChunkRewritePolicy.BUSY_MIN_BYTES));
        policy.passDone(readings(40, 60), 1);
        assertThat(busy(40, 60)).as("a quick pass doubles it")
                .isEqualTo(new Pass(0, 2 * ChunkRewritePolicy.BUSY_MIN_BYTES));
    }

    @Test
    void inUseItRewritesAtMostThreeTimesWhatTheClientsWroteSinceTheLastPass() {
        warmedUp();
        assertThat(busyAfterWriting(MEMORY / 16, 40, 60)).isEqualTo(new Pass(0, 3 * MEMORY / 16));
        done(40, 60);
        assertThat(busyAfterWriting(1_000, 40, 60)).as("searches that wrote a few audit events")
                .isEqualTo(new Pass(0, ChunkRewritePolicy.BUSY_MIN_BYTES));
        written += 5 * MEMORY;
        done(40, 60);
        assertThat(busyAfterWriting(0, 40, 60)).as("the pass's own writes are not the clients'")
                .isEqualTo(new Pass(0, ChunkRewritePolicy.BUSY_MIN_BYTES));
        done(40, 60);
        assertThat(busyAfterWriting(MEMORY, 40, 60)).as("never more than a quarter of the auto-commit memory")
                .isEqualTo(new Pass(0, BUSY_MAX));
    }

    @Test
    void idleItRewritesForACycleThenMovesChunksWhileTheEmptiedChunksAreFreedAndTheFileIsPartlyEmpty() {
        busyThenIdle();
        for (int pass = 0; pass < ChunkRewritePolicy.CYCLE_REWRITE_PASSES; pass++) {
            assertThat(idle(30, 80)).as("rewriting pass %d", pass).isEqualTo(new Pass(0, MEMORY));
            rewrote(30, 80);
        }
        for (int pass = 0; pass <= RETENTION_PASSES; pass++) {
            assertThat(idle(30, 95)).as("settling pass %d, the file 95 %% used", pass).isEqualTo(Pass.NOTHING);
            done(30, 95);
        }
        assertThat(idle(30, 85)).as("settling, the file 85 % used").isEqualTo(new Pass(2 * MEMORY, 0));
    }

    @Test
    void aCycleThatShrankTheFileByHalfWhatItRewroteIsFollowedByAnother() {
        oneCycle(FILE - CYCLE, chunks - CYCLE / 4);

        assertThat(idle(40, 92)).as("the next cycle").isEqualTo(new Pass(0, MEMORY));
    }

    @Test
    void aCycleThatShrankTheFileByLessComesToRestUntilWritesHaveAddedACyclesWorth() {
        oneCycle(FILE - CYCLE / 4, chunks - CYCLE / 8);
        long restingChunks = chunks;

        assertThat(idle(40, 92)).as("at rest").isEqualTo(Pass.NOTHING);
        done(40, 92);
        assertThat(busy(70, 92)).as("in use, above the busy fill rate").isEqualTo(Pass.NOTHING);
        chunks = restingChunks + CYCLE / 2;
        done(70, 92);
        assertThat(idle(40, 80)).as("idle again after some writes, still at rest").isEqualTo(Pass.NOTHING);
        done(40, 80);

        assertThat(busy(70, 80)).isEqualTo(Pass.NOTHING);
        chunks = restingChunks + CYCLE + MEMORY;
        done(70, 80);
        assertThat(busy(70, 80)).as("writes added more than a cycle's worth of chunks").isEqualTo(Pass.NOTHING);
        done(70, 80);
        assertThat(idle(40, 80)).as("idle again: a new cycle").isEqualTo(new Pass(0, MEMORY));
    }

    @Test
    void aCycleStopsRewritingOnceTheRewritableChunksAreFullEnoughAndThenRests() {
        busyThenIdle();
        assertThat(idle(30, 95)).isEqualTo(new Pass(0, MEMORY));
        rewrote(30, 95);
        assertThat(idle(90, 95)).as("rewritable chunks 90 % live: settling").isEqualTo(Pass.NOTHING);
        done(90, 95);
        for (int pass = 0; pass <= RETENTION_PASSES; pass++) {
            idle(90, 95);
            done(90, 95);
        }
        assertThat(idle(90, 95)).as("at rest").isEqualTo(Pass.NOTHING);
        done(90, 80);
        assertThat(idle(90, 80)).as("at rest even if the file has room").isEqualTo(Pass.NOTHING);
    }

    @Test
    void aSettleThatNeverSeesTheFileNinetyPercentUsedEndsAfterTenRetentionTimes() {
        busyThenIdle();
        assertThat(idle(95, 50)).as("nothing to rewrite: settling at once").isEqualTo(new Pass(2 * MEMORY, 0));
        int settlingPasses = 0;
        do {
            done(95, 50);
            settlingPasses++;
        } while (idle(95, 50).bytesToMove() > 0 && settlingPasses < 1_000);
        assertThat(settlingPasses).as("passes until rest")
                .isEqualTo(ChunkRewritePolicy.MAX_SETTLE_RETENTION_TIMES * (RETENTION_PASSES + 2) + 1);
    }

    /** A whole idle cycle: the file and its chunks shrink to the given sizes while it settles. */
    private void oneCycle(long sizeAfter, long chunksAfter) {
        busy(40, 92);
        done(40, 92);
        for (int pass = 0; pass < ChunkRewritePolicy.CYCLE_REWRITE_PASSES; pass++) {
            assertThat(idle(40, 92)).isEqualTo(new Pass(0, MEMORY));
            rewrote(40, 92);
        }
        size = sizeAfter;
        chunks = chunksAfter;
        for (int pass = 0; pass <= RETENTION_PASSES + 1; pass++) {
            idle(40, 92);
            done(40, 92);
        }
    }

    /** Quick busy passes until the amount a pass rewrites has grown from the least to its most. */
    private void warmedUp() {
        Pass pass;
        do {
            pass = busy(40, 60);
            done(40, 60);
        } while (pass.bytesToRewrite() < BUSY_MAX);
    }

    private void busyThenIdle() {
        busy(95, 95);
        done(95, 95);
    }

    /** A pass on a store that clients used and wrote the auto-commit memory to since the last pass. */
    private Pass busy(int rewritableFillRate, int fileFillRate) {
        return busyAfterWriting(MEMORY, rewritableFillRate, fileFillRate);
    }

    private Pass busyAfterWriting(long bytes, int rewritableFillRate, int fileFillRate) {
        operations += 1_000;
        written += bytes;
        return policy.plan(readings(rewritableFillRate, fileFillRate));
    }

    private Pass idle(int rewritableFillRate, int fileFillRate) {
        return policy.plan(readings(rewritableFillRate, fileFillRate));
    }

    private void done(int rewritableFillRate, int fileFillRate) {
        policy.passDone(readings(rewritableFillRate, fileFillRate), 5);
    }

    /** A pass that wrote the auto-commit memory. */
    private void rewrote(int rewritableFillRate, int fileFillRate) {
        written += MEMORY;
        done(rewritableFillRate, fileFillRate);
    }

    private H2StoreReadings readings(int rewritableFillRate, int fileFillRate) {
        return new H2StoreReadings(operations, rewritableFillRate, fileFillRate, size, written, chunks);
    }
}
