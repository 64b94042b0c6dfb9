package org.ketaminefhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * Java closes a file channel for every user when a thread is interrupted in its I/O. Spring's and Tomcat's thread
 * pools interrupt their threads when they stop, and some of those threads may be reading the embedded database. These
 * tests interrupt a thread that reads and writes the database and then use it from another connection.
 */
class EmbeddedH2InterruptTest {

    private static final int ROWS = 20_000;

    @TempDir
    Path folder;

    @Test
    void theShippedDatabaseUrlSurvivesInterruptsOfAThreadInTheMiddleOfItsIo() throws Exception {
        String url = shippedDatabaseUrl();
        assertThat(url).startsWith("jdbc:h2:retry:file:");

        List<String> failures = interruptWhileReadingAndWriting(url);

        assertThat(failures).as("statements that failed on the interrupted thread").isEmpty();
        assertThat(sumOfAllRows(url)).as("every row read back on another connection").isEqualTo(expectedSum());
    }

    /** The control: the same workload on H2's plain file layer, which proves that the workload reaches the file. */
    @Test
    void onThePlainFileLayerOneInterruptBreaksTheDatabaseForEveryConnection() throws Exception {
        String url = shippedDatabaseUrl().replace("jdbc:h2:retry:file:", "jdbc:h2:file:");

        List<String> failures = interruptWhileReadingAndWriting(url);

        // Whichever I/O the first interrupt hits (a read or a write), H2 then reports the database closed.
        assertThat(failures).as("statements that failed on the interrupted thread").isNotEmpty()
                .anySatisfy(message -> assertThat(message).containsAnyOf(
                        "Reading from file", "Writing to", "The database has been closed"));
    }

    private String shippedDatabaseUrl() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yaml"));
        String configured = yaml.getObject().getProperty("spring.datasource.url");
        // A page cache of 64 KB, so that reads go to the file rather than to H2's cache.
        return configured.replace("${ketamine.data-dir}", folder.toString()) + ";CACHE_SIZE=64";
    }

    private static List<String> interruptWhileReadingAndWriting(String url) throws Exception {
        List<String> failures = new ArrayList<>();
        try (Connection owner = DriverManager.getConnection(url, "sa", "")) {
            fill(owner);
            Thread worker = new Thread(() -> readAndWrite(url, failures), "interrupted-worker");
            worker.start();
            while (worker.isAlive()) {
                TimeUnit.MILLISECONDS.sleep(3);
                worker.interrupt();
            }
        }
        return failures;
    }

    private static void fill(Connection connection) throws SQLException {
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TABLE row_data (id INT PRIMARY KEY, amount INT, text VARCHAR(400))");
        }
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO row_data VALUES (?, 1, ?)")) {
            for (int id = 0; id < ROWS; id++) {
                insert.setInt(1, id);
                insert.setString(2, "x".repeat(300));
                insert.executeUpdate();
                if (id % 500 == 0) {
                    connection.commit();
                }
            }
        }
        connection.commit();
        connection.setAutoCommit(true);
    }

    /** Two seconds of range reads and single-row updates that keep every row's amount at 1. */
    private static void readAndWrite(String url, List<String> failures) {
        Random random = new Random(6);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                PreparedStatement read = connection.prepareStatement(
                        "SELECT SUM(LENGTH(text)) FROM row_data WHERE id BETWEEN ? AND ?");
                PreparedStatement write = connection.prepareStatement(
                        "UPDATE row_data SET amount = 1, text = ? WHERE id = ?")) {
            while (System.nanoTime() < end) {
                try {
                    int from = random.nextInt(ROWS - 2_000);
                    read.setInt(1, from);
                    read.setInt(2, from + 2_000);
                    read.executeQuery().close();
                    write.setString(1, "y".repeat(300));
                    write.setInt(2, random.nextInt(ROWS));
                    write.executeUpdate();
                } catch (SQLException e) {
                    synchronized (failures) {
                        failures.add(e.getMessage());
                    }
                }
            }
        } catch (SQLException e) {
            synchronized (failures) {
                failures.add(e.getMessage());
            }
        }
    }

    private static long sumOfAllRows(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement read = connection.createStatement();
                ResultSet sum = read.executeQuery("SELECT SUM(amount) + SUM(LENGTH(text)) FROM row_data")) {
            sum.next();
            return sum.getLong(1);
        }
    }

    private static long expectedSum() {
        return ROWS + ROWS * 300L;
    }
}
