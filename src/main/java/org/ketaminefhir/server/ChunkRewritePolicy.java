package org.ketaminefhir.server;

/**
 * When and how much of an H2 file housekeeping rewrites and moves, after the rule of H2's own background writer, which
 * a {@code WRITE_DELAY=0} database does not run (H2 2.3, {@code RandomAccessStore.doHousekeeping}).
 * <ul>
 *   <li>In use (the file was read or written since the last pass): rewrite only when the rewritable chunks are less
 *       than {@value #BUSY_FILL_RATE} % live, and little at a time, because a rewrite holds H2's store lock, which
 *       every commit waits for: at most a quarter of H2's auto-commit memory, at most
 *       {@value #BUSY_REWRITE_PER_WRITTEN} times what the clients wrote since the last pass (the backlog a bulk load
 *       leaves waits for idle time), and, after a pass whose work took longer than {@value #BUSY_PASS_MILLIS} ms,
 *       what it would have rewritten in that time; a full pass within it doubles the amount, which starts at the
 *       least amount after a start, when the file's pages are not cached yet. H2's own writer
 *       rewrites the whole auto-commit memory a pass: with that and a 200 ms budget the file was a third smaller
 *       after a bulk load, but in a search load right after one, Patient by family at 8 connections had a p95 of
 *       340-450 ms in five of six runs, against 73-99 ms with this rule (docs/performance.md, Session 22). Nothing is moved: new chunks fill the file's free space anyway.</li>
 *   <li>Idle: cycles. First rewrite, while the rewritable chunks are less than {@value #IDLE_FILL_RATE} % live, the
 *       auto-commit memory a pass, {@value #CYCLE_REWRITE_PASSES} passes at most, in steps of about
 *       {@value StepPace#STEP_MILLIS} ms ({@link StepPace}). Then settle: H2 frees the chunks a
 *       rewrite emptied only after its retention time, so wait that long, and move chunks towards the start of the
 *       file while it is less than {@value #IDLE_FILL_RATE} % used, so that its end is cut off. Then judge the cycle:
 *       if the chunks and the file together shrank by at least half of what it rewrote, start another; if not, rest
 *       until writes have added as many bytes of chunks as a cycle may rewrite. Judged by each pass instead,
 *       housekeeping either rested at once after a bulk load, leaving the file four times its live data, or never
 *       rested, because each rewrite's commit leaves the chunks before it a little short of full
 *       (docs/performance.md, Session 21). H2 moves up to eight times the auto-commit memory in one go; twice is used
 *       here, because a request that arrives meanwhile waits for the move.</li>
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
    /**
     * A pass on a store in use rewrites at most this many times what the clients wrote since the last pass. Rewriting
     * chunks that are f live frees (1 - f) of what it reads, so keeping pace with the clients' writes at H2's busy
     * fill rate of 62 % takes 1 / (1 - 0.62), about 2.6 times what they wrote.
     */
    static final int BUSY_REWRITE_PER_WRITTEN = 3;
    /** The least a pass on a store in use rewrites, once it rewrites at all. */
    static final long BUSY_MIN_BYTES = 256 * 1024;
    /** Rewriting passes in one idle cycle. */
    static final int CYCLE_REWRITE_PASSES = 10;
    /** A settle that never sees the file 90 % used ends after this many retention times. */
    static final int MAX_SETTLE_RETENTION_TIMES = 10;

    /** What one pass does: bytes of chunks to move towards the start of the file, then bytes of chunks to rewrite. */
    record Pass(long bytesToMove, long bytesToRewrite) {

        static final Pass NOTHING = new Pass(0, 0);
    }

    private enum Phase { REWRITE, SETTLE, REST }

    private final long autoCommitMemory;
    private final int passesPerRetentionTime;
    private final long busyMaxBytes;
    private long busyBytes;
    private long operationsAfterLastPass = -1;
    private long writtenAfterLastPass = -1;
    private boolean idlePass;
    private Pass planned = Pass.NOTHING;
    private final StepPace idleSteps;

    private Phase phase = Phase.REWRITE;
    /** The readings when the idle cycle began, or when housekeeping came to rest. */
    private H2StoreReadings cycleStart;
    private H2StoreReadings beforePass;
    /** Bytes the rewriting passes of this cycle wrote. */
    private long rewrittenInCycle;
    private int settlePasses;
    private int rewritingPasses;

    /**
     * @param passesPerRetentionTime how many passes H2's retention time lasts, after which it frees the chunks that a
     *     rewrite emptied
     */
    ChunkRewritePolicy(long autoCommitMemory, int passesPerRetentionTime) {
        this.autoCommitMemory = autoCommitMemory;
        this.passesPerRetentionTime = passesPerRetentionTime;
        this.busyMaxBytes = Math.max(BUSY_MIN_BYTES, autoCommitMemory / 4);
        // Slow start: the first passes after a start read pages no one has read yet, and a quarter of the auto-commit
        // memory held the store lock for 0.27-0.73 s there (docs/performance.md, Session 24).
        this.busyBytes = BUSY_MIN_BYTES;
        // Steps store what they rewrote once it reaches what a busy pass stores at most.
        this.idleSteps = new StepPace(BUSY_MIN_BYTES, busyMaxBytes);
    }

    Pass plan(H2StoreReadings store) {
        idlePass = operationsAfterLastPass >= 0 && store.fileOperations() < operationsAfterLastPass + IDLE_OPERATIONS;
        if (!idlePass) {
            if (phase == Phase.REST && store.chunkBytes() > cycleStart.chunkBytes() + cycleBytes()) {
                startCycle(null);
            }
            planned = new Pass(0, store.rewritableChunksFillRate() < BUSY_FILL_RATE ? busyRewriteBytes(store) : 0);
            return planned;
        }
        if (cycleStart == null) {
            startCycle(store);
        }
        beforePass = store;
        if (phase == Phase.REWRITE && (store.rewritableChunksFillRate() >= IDLE_FILL_RATE
                || rewritingPasses >= CYCLE_REWRITE_PASSES)) {
            phase = Phase.SETTLE;
            settlePasses = 0;
        }
        planned = switch (phase) {
            case REWRITE -> new Pass(0, autoCommitMemory);
            case SETTLE -> new Pass(store.fileFillRate() < IDLE_FILL_RATE ? 2 * autoCommitMemory : 0, 0);
            case REST -> Pass.NOTHING;
        };
        return planned;
    }

    /** The time budget's amount, or less when the clients wrote little: the backlog of a bulk load waits for idle. */
    private long busyRewriteBytes(H2StoreReadings store) {
        if (writtenAfterLastPass < 0) {
            return busyBytes;
        }
        long written = store.writtenBytes() - writtenAfterLastPass;
        return Math.min(busyBytes, Math.max(BUSY_MIN_BYTES, BUSY_REWRITE_PER_WRITTEN * written));
    }

    /**
     * Whether the pass just planned is on an idle store. Housekeeping then also lets H2 free the chunks whose retention
     * time has passed, which on an idle store nothing else does.
     */
    boolean idle() {
        return idlePass;
    }

    /** How an idle pass splits its rewrite into steps: the pace is kept from one pass to the next. */
    StepPace idleSteps() {
        return idleSteps;
    }

    /** Records the pass just made, which took {@code millis}. Its own reads and writes are not use of the store. */
    void passDone(H2StoreReadings store, long millis) {
        if (!idlePass && planned.bytesToRewrite() > 0) {
            if (millis > BUSY_PASS_MILLIS) {
                // What the pass would have rewritten in the budget at its own pace.
                busyBytes = Math.max(BUSY_MIN_BYTES, planned.bytesToRewrite() * BUSY_PASS_MILLIS / millis);
            } else if (planned.bytesToRewrite() == busyBytes) {
                busyBytes = Math.min(busyMaxBytes, 2 * busyBytes);
            }
        }
        if (idlePass && phase == Phase.REWRITE) {
            rewrittenInCycle += store.writtenBytes() - beforePass.writtenBytes();
            rewritingPasses++;
        }
        if (idlePass && phase == Phase.SETTLE && settled(store)) {
            judgeCycle(store);
        }
        operationsAfterLastPass = store.fileOperations();
        writtenAfterLastPass = store.writtenBytes();
    }

    private boolean settled(H2StoreReadings store) {
        settlePasses++;
        boolean freed = settlePasses > passesPerRetentionTime + 1;
        return freed && store.fileFillRate() >= IDLE_FILL_RATE
                || settlePasses > MAX_SETTLE_RETENTION_TIMES * (passesPerRetentionTime + 2);
    }

    private void judgeCycle(H2StoreReadings store) {
        long shrunk = cycleStart.chunkBytes() - store.chunkBytes() + cycleStart.fileSize() - store.fileSize();
        // A cycle that rewrote nothing (its chunks looked full when it began) is judged by the chunks as they are now.
        if (store.rewritableChunksFillRate() < IDLE_FILL_RATE
                && (rewrittenInCycle == 0 || shrunk >= rewrittenInCycle / 2)) {
            startCycle(store);
        } else {
            phase = Phase.REST;
            cycleStart = store;
        }
    }

    private void startCycle(H2StoreReadings store) {
        phase = Phase.REWRITE;
        cycleStart = store;
        rewrittenInCycle = 0;
        rewritingPasses = 0;
    }

    /** The chunks that writes must add to a store at rest before idle housekeeping starts another cycle. */
    private long cycleBytes() {
        return CYCLE_REWRITE_PASSES * autoCommitMemory;
    }
}
