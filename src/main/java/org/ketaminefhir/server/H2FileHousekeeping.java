package org.ketaminefhir.server;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the H2 file from growing without bound. The default database is opened with {@code WRITE_DELAY=0} so that an
 * acknowledged write is in the file (CrashRecoveryIT); H2 then writes each commit as a new chunk and, without the
 * background writer that a non-zero delay would start, never rewrites the old chunks whose pages are mostly dead. The
 * file measured 5.8 GB after 70,000 resources, 85 % of it dead space. This does the background writer's housekeeping
 * instead, once a second, with {@link ChunkRewritePolicy} deciding whether and how much. Nothing happens on
 * PostgreSQL or an in-memory H2.
 */
@Component
class H2FileHousekeeping implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(H2FileHousekeeping.class);

    /** The delay between two passes, as H2's own background writer's default (its auto-commit delay). */
    static final long PASS_INTERVAL_MILLIS = 1_000;

    /** A pass moves or rewrites at most a few tens of MB; on a cold file of tens of GB that took seconds. */
    static final long STOP_WAIT_SECONDS = 60;

    /** The least pause between two steps of an idle rewrite, long enough for a waiting commit to take the lock. */
    static final long MIN_PAUSE_MILLIS = 5;

    private final DataSource dataSource;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "h2-housekeeping");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean stopping;

    H2FileHousekeeping(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        MVStore store = fileStore();
        if (store != null) {
            warnIfAnInterruptCanCloseTheFile(store);
            int passesPerRetentionTime = (int) (store.getFileStore().getRetentionTime() / PASS_INTERVAL_MILLIS);
            ChunkRewritePolicy policy = new ChunkRewritePolicy(store.getAutoCommitMemory(), passesPerRetentionTime);
            scheduler.scheduleWithFixedDelay(() -> pass(store, policy, () -> stopping), PASS_INTERVAL_MILLIS,
                    PASS_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** The default URL opens the file through H2's {@code retry:} layer; an operator's own URL may not. */
    private static void warnIfAnInterruptCanCloseTheFile(MVStore store) {
        String file = store.getFileStore().getFileName();
        if (!file.startsWith("retry:")) {
            log.warn("The H2 file {} is not opened through H2's retry: file layer (jdbc:h2:retry:file:...): a thread "
                    + "interrupted while it reads or writes the file closes it for every connection", file);
        }
    }

    private MVStore fileStore() {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isWrapperFor(JdbcConnection.class)) {
                return null;
            }
            SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
            MVStore store = session.getDatabase().getStore().getMvStore();
            return store.getFileStore() != null && session.getDatabase().isPersistent() ? store : null;
        } catch (SQLException | ClassCastException e) {
            log.warn("H2 file housekeeping not started: {}", e.toString());
            return null;
        }
    }

    /** One pass: moves and rewrites chunks as the policy plans; returns whether anything changed. */
    static boolean pass(MVStore store, ChunkRewritePolicy policy) {
        return pass(store, policy, () -> false);
    }

    private static boolean pass(MVStore store, ChunkRewritePolicy policy, BooleanSupplier stopping) {
        try {
            if (store.isClosed()) {
                return false;
            }
            ChunkRewritePolicy.Pass pass = policy.plan(H2StoreReadings.of(store));
            // Only the work is timed: the readings take tens of ms on a file of gigabytes and hold no lock.
            long start = System.nanoTime();
            if ((pass.bytesToMove() > 0 || policy.idle()) && store.getFileStore() instanceof RandomAccessStore file) {
                // 101: the policy has checked the file's fill rate. This also frees the chunks that rewrites emptied
                // once their retention time has passed, which on an idle store nothing else does (a commit would);
                // with nothing to move, that is all it does. Not split into steps: a chunk larger than a step's
                // amount would never move.
                file.compactMoveChunks(101, pass.bytesToMove(), store);
                if (pass.bytesToMove() > 0 && store.hasUnsavedChanges()) {
                    // Freeing the chunks at the end of the file leaves it a free tail that H2 cuts off only when it
                    // moves a chunk or writes one before that tail, which on an idle store nothing does: store the
                    // freed chunks' removal now, as H2's background writer would.
                    store.tryCommit();
                }
            }
            Steps steps = policy.idle()
                    ? rewriteInSteps(store, pass.bytesToRewrite(), policy.idleSteps(), stopping)
                    : Steps.one(pass.bytesToRewrite() > 0 && rewrite(store, pass.bytesToRewrite()), start);
            boolean rewrote = steps.count() > 0;
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            H2StoreReadings after = H2StoreReadings.of(store);
            policy.passDone(after, millis);
            if (log.isDebugEnabled() && (rewrote || pass.bytesToMove() > 0)) {
                log.debug("{} pass in {} ms: planned move {} / rewrite {} bytes, rewritten in {} steps, the longest {} "
                        + "ms; file {} bytes, chunks {} bytes, {} % used, rewritable chunks {} % live",
                        policy.idle() ? "idle" : "busy", millis, pass.bytesToMove(), pass.bytesToRewrite(),
                        steps.count(), steps.longestMillis(), after.fileSize(), after.chunkBytes(),
                        after.fileFillRate(), after.rewritableChunksFillRate());
            }
            return rewrote || pass.bytesToMove() > 0;
        } catch (RuntimeException e) {
            log.warn("H2 file housekeeping pass failed: {}", e.toString());
            return false;
        }
    }

    /**
     * Rewrites in steps short enough that a commit arriving meanwhile waits little, each followed by a pause as long as
     * the step, so that waiting commits get the store lock before the next step does. The rewritten pages are stored
     * once they reach the pace's commit size, and at the end: a commit after every step left each step's chunk with
     * dead B-tree nodes once the next step committed, and on a small store idle housekeeping then came to rest with its
     * chunks two-thirds live.
     */
    private static Steps rewriteInSteps(MVStore store, long bytes, StepPace pace, BooleanSupplier stopping) {
        int count = 0;
        long longest = 0;
        long uncommitted = 0;
        for (long remaining = bytes; remaining > 0 && !stopping.getAsBoolean() && !store.isClosed(); ) {
            long step = pace.next(remaining);
            long start = System.nanoTime();
            if (!store.compact(100, (int) step)) {
                break;
            }
            uncommitted += step;
            if (uncommitted >= pace.commitBytes()) {
                store.tryCommit();
                uncommitted = 0;
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            count++;
            longest = Math.max(longest, millis);
            pace.done(step, millis);
            remaining -= step;
            try {
                Thread.sleep(Math.max(millis, MIN_PAUSE_MILLIS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (uncommitted > 0 && !store.isClosed()) {
            long start = System.nanoTime();
            store.tryCommit();
            longest = Math.max(longest, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
        return new Steps(count, longest);
    }

    /** The rewriting steps of a pass, and the longest, which is how long a commit may have waited for the lock. */
    private record Steps(int count, long longestMillis) {

        static Steps one(boolean rewrote, long startNanos) {
            return rewrote ? new Steps(1, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos))
                    : new Steps(0, 0);
        }
    }

    private static boolean rewrite(MVStore store, long bytes) {
        // 100: the policy has checked the fill rate, over the chunks H2 can rewrite.
        boolean rewrote = store.compact(100, (int) bytes);
        if (rewrote) {
            // compact() only moves the pages into memory. Storing them here, as H2's background writer would,
            // keeps that write out of the next client's commit, and lets the readings after the pass see the result.
            store.tryCommit();
        }
        return rewrote;
    }

    /**
     * Lets the pass in progress finish before the database closes, and never interrupts it: a thread interrupted in
     * H2's file I/O closes the file channel under the store (Java's interruptible channels), and a database closed
     * after that was found corrupt at the next start ("Double mark", docs/performance.md, Session 20).
     */
    @Override
    public void destroy() throws InterruptedException {
        stopping = true;
        scheduler.shutdown();
        if (!scheduler.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
            log.warn("H2 file housekeeping pass still running after {} s; the database closes regardless",
                    STOP_WAIT_SECONDS);
        }
    }

    /** The scheduler whose thread runs the passes; tests use it to hold a pass in progress. */
    ScheduledExecutorService scheduler() {
        return scheduler;
    }
}
