package org.ketaminefhir.server;

/**
 * Splits an idle pass's rewrite into steps that each take about {@value #STEP_MILLIS} ms at the pace the steps before
 * went. A rewrite holds H2's store lock, which every commit waits for: on a file of gigabytes that is not in the
 * operating system's cache, rewriting the whole auto-commit memory at once held it for 0.5-2 s, and a client's write
 * that arrived meanwhile waited as long (docs/performance.md, Session 23). Not thread-safe: the housekeeping thread
 * owns it.
 */
final class StepPace {

    /** How long one step may hold the store lock, as a busy pass (ChunkRewritePolicy.BUSY_PASS_MILLIS). */
    static final long STEP_MILLIS = ChunkRewritePolicy.BUSY_PASS_MILLIS;

    private final long minStep;
    private final long commitBytes;
    private long step;

    /** @param commitBytes the rewritten bytes after which a step stores what the steps before it rewrote */
    StepPace(long minStep, long commitBytes) {
        this.minStep = minStep;
        this.commitBytes = commitBytes;
        this.step = minStep;
    }

    long commitBytes() {
        return commitBytes;
    }

    /** The bytes the next step should rewrite, of the {@code remaining} bytes of the pass. */
    long next(long remaining) {
        return Math.min(step, remaining);
    }

    /**
     * Records a step of {@code bytes} that took {@code millis}. The next is what this one would have done in the
     * step time, at most twice this one: one quick step on cached pages says little of the pages after it.
     */
    void done(long bytes, long millis) {
        long inStepTime = millis <= 0 ? 2 * bytes : bytes * STEP_MILLIS / millis;
        step = Math.max(minStep, Math.min(2 * bytes, inStepTime));
    }
}
