package org.ketaminefhir.server;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
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
 * instead: every second, the emptiest chunks are rewritten (a few MB at most), and H2 reuses their space once its
 * retention time has passed. Nothing happens on PostgreSQL or an in-memory H2.
 */
@Component
class H2FileHousekeeping implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(H2FileHousekeeping.class);
    /** H2's own target for its background compaction (AUTO_COMPACT_FILL_RATE). */
    private static final int TARGET_FILL_RATE = 90;
    private static final int MAX_BYTES_PER_PASS = 8 * 1024 * 1024;

    private final DataSource dataSource;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "h2-housekeeping");
        thread.setDaemon(true);
        return thread;
    });

    H2FileHousekeeping(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        MVStore store = fileStore();
        if (store != null) {
            scheduler.scheduleWithFixedDelay(() -> compact(store), 1, 1, TimeUnit.SECONDS);
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

    static void compact(MVStore store) {
        try {
            if (!store.isClosed()) {
                store.compact(TARGET_FILL_RATE, MAX_BYTES_PER_PASS);
            }
        } catch (RuntimeException e) {
            log.warn("H2 file housekeeping pass failed: {}", e.toString());
        }
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
