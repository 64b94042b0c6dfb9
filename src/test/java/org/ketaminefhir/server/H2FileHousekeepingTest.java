package org.ketaminefhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An H2 file with WRITE_DELAY=0, written in many small commits as the server writes it. */
class H2FileHousekeepingTest {

    @TempDir
    Path folder;

    @Test
    void housekeepingRewritesTheMostlyDeadChunksThatSmallCommitsLeave() throws SQLException {
        try (Connection connection = openAsTheServerDoes("db")) {
            MVStore store = writtenInSmallCommits(connection);
            int before = store.getFileStore().getChunksFillRate();

            // As on a running server: housekeeping passes between further small commits.
            ChunkRewritePolicy policy = new ChunkRewritePolicy(store.getAutoCommitMemory());
            for (int pass = 0; pass < 50; pass++) {
                H2FileHousekeeping.pass(store, policy);
                try (Statement write = connection.createStatement()) {
                    write.executeUpdate("UPDATE row_data SET hash = hash + 1 WHERE id = " + pass);
                }
            }

            int after = store.getFileStore().getChunksFillRate();
            assertThat(before).as("chunk fill rate left by small commits").isLessThan(50);
            assertThat(after).as("chunk fill rate after housekeeping").isGreaterThan(before + 25);
        }
    }

    @Test
    void onAnIdleStoreHousekeepingComesToRestAndThenWritesNothing() throws SQLException {
        try (Connection connection = openAsTheServerDoes("idle")) {
            MVStore store = writtenInSmallCommits(connection);
            ChunkRewritePolicy policy = new ChunkRewritePolicy(store.getAutoCommitMemory());

            int passesThatRewrote = 0;
            for (int pass = 0; pass < 40; pass++) {
                passesThatRewrote += H2FileHousekeeping.pass(store, policy) ? 1 : 0;
            }
            long writesAtRest = store.getFileStore().getWriteCount();
            for (int pass = 0; pass < 20; pass++) {
                assertThat(H2FileHousekeeping.pass(store, policy)).as("pass %d at rest", pass).isFalse();
            }

            assertThat(passesThatRewrote).as("idle passes that rewrote chunks").isBetween(1, 20);
            assertThat(store.getFileStore().getWriteCount()).as("file writes at rest").isEqualTo(writesAtRest);
            H2StoreReadings atRest = H2StoreReadings.of(store);
            assertThat(atRest.rewritableChunksFillRate()).as("rewritable chunks' fill rate at rest")
                    .isGreaterThanOrEqualTo(ChunkRewritePolicy.IDLE_FILL_RATE);
            assertThat(atRest.fileFillRate()).as("share of the file in use at rest")
                    .isGreaterThanOrEqualTo(ChunkRewritePolicy.IDLE_FILL_RATE);
            try (Statement write = connection.createStatement()) {
                write.executeUpdate("UPDATE row_data SET hash = 0 WHERE id = 1");
            }
            assertThat(store.getFileStore().getChunksFillRate()).as("chunk fill rate once the next commit dropped the "
                    + "emptied chunks").isGreaterThan(80);
        }
    }

    private Connection openAsTheServerDoes(String name) throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + folder.resolve(name) + ";WRITE_DELAY=0", "sa", "");
    }

    /** Returns the store, its retention time 0 so that a test need not wait for freed chunks. */
    private static MVStore writtenInSmallCommits(Connection connection) throws SQLException {
        MVStore store = ((SessionLocal) connection.unwrap(JdbcConnection.class).getSession())
                .getDatabase().getStore().getMvStore();
        store.setRetentionTime(0);
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TABLE row_data (id INT PRIMARY KEY, hash BIGINT, text VARCHAR(400))");
            ddl.execute("CREATE INDEX row_hash ON row_data (hash)");
        }
        String padding = "x".repeat(300);
        try (PreparedStatement insert = connection.prepareStatement("MERGE INTO row_data KEY (id) VALUES (?, ?, ?)")) {
            for (int i = 0; i < 4_000; i++) {
                insert.setInt(1, i % 1_000);
                insert.setLong(2, (long) i * 2_654_435_761L);
                insert.setString(3, padding + i);
                insert.executeUpdate();
            }
        }
        return store;
    }
}
