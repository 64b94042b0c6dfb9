package org.ketaminefhir.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for tests, run from the machine's PostgreSQL binaries (Debian's {@code postgresql}
 * package; {@code .ci/run} installs it when missing). PostgreSQL refuses to run as root, so under root the server runs
 * as the {@code postgres} user. Data lives in a temporary folder that {@link #close()} removes.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final String DATABASE = "ketamine_fhir";
    private static final String USER = "postgres";

    private final Path binDir;
    private final Path dataDir;
    private final int port;
    private final boolean dropPrivileges;

    private LocalPostgres(Path binDir, Path dataDir, int port, boolean dropPrivileges) {
        this.binDir = binDir;
        this.dataDir = dataDir;
        this.port = port;
        this.dropPrivileges = dropPrivileges;
    }

    public static LocalPostgres start() throws IOException, InterruptedException, SQLException {
        Path binDir = findBinaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dataDir = Files.createTempDirectory("ketamine-pg-");
        LocalPostgres postgres = new LocalPostgres(binDir, dataDir, freePort(), root);
        if (root) {
            run(List.of("chown", "-R", USER, dataDir.toString()));
        }
        postgres.pg("initdb", "-D", dataDir.toString(), "-U", USER, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync");
        postgres.pg("pg_ctl", "-D", dataDir.toString(), "-l", dataDir.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", "-p " + postgres.port + " -k " + dataDir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c max_connections=200",
                "start");
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        }
        return postgres;
    }

    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String user() {
        return USER;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            pg("pg_ctl", "-D", dataDir.toString(), "-m", "fast", "-w", "stop");
        } finally {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    private void pg(String program, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (dropPrivileges) {
            command.addAll(List.of("runuser", "-u", USER, "--"));
        }
        command.add(binDir.resolve(program).toString());
        command.addAll(Arrays.asList(args));
        run(command);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("Command failed: " + String.join(" ", command) + "\n" + output);
        }
    }

    private static Path findBinaries() throws IOException {
        String configured = System.getenv("PG_BIN");
        if (configured != null) {
            return Path.of(configured);
        }
        Path debianRoot = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debianRoot)) {
            try (Stream<Path> versions = Files.list(debianRoot)) {
                return versions.map(v -> v.resolve("bin"))
                        .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                        .max(Comparator.comparingInt(bin -> Integer.parseInt(bin.getParent().getFileName().toString())))
                        .orElseThrow(LocalPostgres::missing);
            }
        }
        throw missing();
    }

    private static IllegalStateException missing() {
        return new IllegalStateException("No PostgreSQL server binaries found: install Debian's 'postgresql' package"
                + " (.ci/run does) or set PG_BIN to the folder holding initdb and pg_ctl");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
