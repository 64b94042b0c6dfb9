package org.ketaminefhir.server;

/**
 * When and how much of an H2 file housekeeping rewrites and moves, after the rule of H2's own background writer, which
 * a {@code WRITE_DELAY=0} database does not run (H2 2.3, {@code RandomAccessStore.doHousekeeping}).
 * <ul>
 *   <li>In use (the file was read or written since the last pass): rewrite only when the rewritable chunks are less
 *       than {@value #BUSY_FILL_RATE} % live, at most a quarter of H2's auto-commit memory at a time, so that searches
 *       and writes keep the CPU. A rewrite holds H2's store lock, which every commit waits for, and reads the chunks'
 *       live pages, from disk when the file is larger than what the operating system caches: on a 21 GB file a
 *       quarter of the auto-commit memory held it for seconds. So the amount halves after a pass that took longer
 *       than {@value #BUSY_PASS_MILLIS} ms and doubles after a shorter one. Nothing is moved: new chunks fill the
 *       file's free space anyway.</li>
 *   <li>Idle: rewrite while the rewritable chunks are less than {@value #IDLE_FILL_RATE} % live, the whole auto-commit
 *       memory at a time, and move chunks towards the start of the file while it is less than
 *       {@value #IDLE_FILL_RATE} % used, so that its end can be cut off. H2 moves up to eight times the auto-commit
 *       memory in one go; twice is used here, because a request that arrives meanwhile waits for the move. Idle
 *       housekeeping stops after as many passes in a row that gain nothing as it takes to rewrite 1 % of the file,
 *       until the store is used again: H2 reports whole percents, and on a file of gigabytes one pass gains less than
 *       one. On a file under 100 times the auto-commit memory, that is a single pass. (Waiting the retention
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
    /** How long a pass on a store in use may hold H2's store lock, and so delay commits, before the next does less. */
    static final long BUSY_PASS_MILLIS = 50;
    /** The least a pass on a store in use rewrites, once it rewrites at all. */
    static final long BUSY_MIN_BYTES = 256 * 1024;

    /** What one pass does: bytes of chunks to move towards the start of the file, then bytes of chunks to rewrite. */
    record Pass(long bytesToMove, long bytesToRewrite) {

        static final Pass NOTHING = new Pass(0, 0);
    }

    private final long autoCommitMemory;
    private final long busyMaxBytes;
    private long busyBytes;
    private long operationsAfterLastPass = -1;
    private boolean idlePass;
    private Pass planned = Pass.NOTHING;
    private H2StoreReadings beforePass;
    private int idlePassesWithoutGain;

    ChunkRewritePolicy(long autoCommitMemory) {
        this.autoCommitMemory = autoCommitMemory;
        this.busyMaxBytes = Math.max(BUSY_MIN_BYTES, autoCommitMemory / 4);
        this.busyBytes = busyMaxBytes;
    }

    Pass plan(H2StoreReadings store) {
        idlePass = operationsAfterLastPass >= 0 && store.fileOperations() < operationsAfterLastPass + IDLE_OPERATIONS;
        beforePass = store;
        if (!idlePass) {
            idlePassesWithoutGain = 0;
            planned = new Pass(0, store.rewritableChunksFillRate() < BUSY_FILL_RATE ? busyBytes : 0);
        } else if (idlePassesWithoutGain > store.fileSize() / (100 * autoCommitMemory)) {
            planned = Pass.NOTHING;
        } else {
            planned = new Pass(store.fileFillRate() < IDLE_FILL_RATE ? 2 * autoCommitMemory : 0,
                    store.rewritableChunksFillRate() < IDLE_FILL_RATE ? autoCommitMemory : 0);
        }
        return planned;
    }

    /**
     * Records the pass just made, which took {@code millis}. Its own reads and writes are not use of the store. Idle
     * passes that leave both fill rates where they were end idle housekeeping: before this rule, each rewrite's commit
     * could leave the chunk before it a little short of full, for the next pass to rewrite, for ever.
     */
    void passDone(H2StoreReadings store, long millis) {
        if (!idlePass && planned.bytesToRewrite() > 0) {
            busyBytes = millis > BUSY_PASS_MILLIS
                    ? Math.max(BUSY_MIN_BYTES, busyBytes / 2)
                    : Math.min(busyMaxBytes, busyBytes * 2);
        }
        if (idlePass && planned != Pass.NOTHING) {
            boolean gain = store.rewritableChunksFillRate() > beforePass.rewritableChunksFillRate()
                    || store.fileFillRate() > beforePass.fileFillRate();
            idlePassesWithoutGain = gain ? 0 : idlePassesWithoutGain + 1;
        }
        operationsAfterLastPass = store.fileOperations();
    }
}
