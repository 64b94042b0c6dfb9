package org.ketaminefhir.server;

import java.sql.Connection;
import java.sql.DriverManager;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/**
 * Runs the server's idle H2 housekeeping on a copy of a database file, outside the server, and prints what the file
 * looks like every ten passes: its size, the bytes its chunks take (from H2's layout map, to the block), and H2's fill
 * rates. Work on a copy: the passes rewrite the file.
 *
 * <pre>
 * mvn -q package -DskipTests
 * mvn -q dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * javac -cp "$(cat /tmp/cp.txt):target/classes" -d /tmp/h2run bench/h2/IdleHousekeepingRun.java
 * java -Xmx1g -cp "$(cat /tmp/cp.txt):target/classes:/tmp/h2run" org.ketaminefhir.server.IdleHousekeepingRun \
 *     /tmp/copy/ketamine-fhir 300 1000
 * </pre>
 * Arguments: the database path without {@code .mv.db}, the number of passes, the milliseconds between passes (the
 * server waits 1,000), and optionally H2's retention time in milliseconds (45,000 by default): with 100 and 4,500,
 * a run takes a tenth of the server's time.
 */
public final class IdleHousekeepingRun {

    public static void main(String[] args) throws Exception {
        String url = "jdbc:h2:retry:file:" + args[0] + ";WRITE_DELAY=0";
        int passes = Integer.parseInt(args[1]);
        long pause = Long.parseLong(args[2]);
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            MVStore store = ((SessionLocal) connection.unwrap(JdbcConnection.class).getSession())
                    .getDatabase().getStore().getMvStore();
            if (args.length > 3) {
                store.setRetentionTime(Integer.parseInt(args[3]));
            }
            int passesPerRetentionTime = (int) (store.getFileStore().getRetentionTime() / pause);
            ChunkRewritePolicy policy = new ChunkRewritePolicy(store.getAutoCommitMemory(), passesPerRetentionTime);
            System.out.printf("retention time %d ms, auto-commit memory %d bytes%n",
                    store.getFileStore().getRetentionTime(), store.getAutoCommitMemory());
            long start = System.nanoTime();
            for (int pass = 0; pass <= passes; pass++) {
                if (pass % 10 == 0 || pass == passes) {
                    print(pass, start, store);
                }
                H2FileHousekeeping.pass(store, policy);
                Thread.sleep(pause);
            }
        }
    }

    private static void print(int pass, long start, MVStore store) {
        H2StoreReadings readings = H2StoreReadings.of(store);
        System.out.printf(
                "pass %4d  %7.1f s  file %8.1f MB  chunks %8.1f MB  fill %3d %%  rewritable chunks %3d %% live%n", pass, (System.nanoTime() - start) / 1e9, readings.fileSize() / 1e6, readings.chunkBytes() / 1e6,
                readings.fileFillRate(), readings.rewritableChunksFillRate());
    }
}
