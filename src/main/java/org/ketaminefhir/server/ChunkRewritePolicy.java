package org.ketaminefhir.server;

/**
 * When and how much of an H2 file housekeeping rewrites and moves, after the rule of H2's own background writer, which
 * a {@code WRITE_DELAY=0} database does not run (H2 2.3, {@code RandomAccessStore.doHousekeeping}).
 * <ul>
 *   <li>In use (the file was read or written since the last pass): rewrite only when the rewritable chunks are less
 *       than {@value #BUSY_FILL_RATE} % live, a quarter of H2's auto-commit memory at a time, so that searches and
 *       writes keep the CPU. Nothing is moved: new chunks fill the file's free space anyway.</li>
 *   <li>Idle: rewrite while the rewritable chunks are less than {@value #IDLE_FILL_RATE} % live, the whole auto-commit
 *       memory at a time, and move chunks towards the start of the file while it is less than
 *       {@value #IDLE_FILL_RATE} % used, so that its end can be cut off. H2 moves up to eight times the auto-commit
 *       memory in one go; twice is used here, because a request that arrives meanwhile waits for the move. Idle
 *       housekeeping stops at the first pass that gains nothing, until the store is used again. (Waiting the retention
 *       time for the chunks a rewrite emptied to be freed was tried: moves then went on gaining and losing a little,
 *       and housekeeping never came to rest.)</li>
 * </ul>
 * Not thread-safe: the one housekeeping thread owns it.
 */
final class ChunkRewritePolicy {

    /** H2's AUTO_COMPACT_FILL_RATE default. */
    static final int IDLE_FILL_RATE = 90;
    /** H2 in use compacts when 50 + rate / 2 is below 90 × 90 / 100, that is when the rate is below 62. */
    static final int BUSY_FILL_RATE = 62;
    /** H2 counts fewer than 10 file operations since its last pass as idle. */
    static final long IDLE_OPERATIONS = 10;

    /** What one pass does: bytes of chunks to move towards the start of the file, then bytes of chunks to rewrite. */
    record Pass(long bytesToMove, long bytesToRewrite) {

        static final Pass NOTHING = new Pass(0, 0);
    }

    private final long autoCommitMemory;
    private long operationsAfterLastPass = -1;
    private boolean idlePass;
    private H2StoreReadings beforePass;
    private boolean settled;

    ChunkRewritePolicy(long autoCommitMemory) {
        this.autoCommitMemory = autoCommitMemory;
    }

    Pass plan(H2StoreReadings store) {
        idlePass = operationsAfterLastPass >= 0 && store.fileOperations() < operationsAfterLastPass + IDLE_OPERATIONS;
        beforePass = store;
        if (!idlePass) {
            settled = false;
            return new Pass(0, store.rewritableChunksFillRate() < BUSY_FILL_RATE ? autoCommitMemory / 4 : 0);
        }
        if (settled) {
            return Pass.NOTHING;
        }
        return new Pass(store.fileFillRate() < IDLE_FILL_RATE ? 2 * autoCommitMemory : 0,
                store.rewritableChunksFillRate() < IDLE_FILL_RATE ? autoCommitMemory : 0);
    }

    /**
     * Records the pass just made. Its own reads and writes are not use of the store. An idle pass that left both fill
     * rates where they were ends idle housekeeping: before this rule, each rewrite's commit could leave the chunk
     * before it a little short of full, for the next pass to rewrite, for ever.
     */
    void passDone(H2StoreReadings store) {
        boolean gain = store.rewritableChunksFillRate() > beforePass.rewritableChunksFillRate()
                || store.fileFillRate() > beforePass.fileFillRate();
        if (idlePass && !gain) {
            settled = true;
        }
        operationsAfterLastPass = store.fileOperations();
    }
}
