package org.ketaminefhir.server;

import ca.uhn.fhir.util.VersionUtil;
import jakarta.persistence.Entity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.hibernate.cfg.AvailableSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * Lets Hibernate's schema update ({@code hbm2ddl.auto=update}) run only when the mapped schema may have changed since
 * it last ran on this database. The update reads the metadata of every index, and H2 computes each index's size for
 * that by walking its pages: a restart on a 21 GB database (1 M resources) spent minutes reading the file before it
 * served anything. The mapping changes only with HAPI's or Hibernate's version, the dialect, or one of the
 * application's own entity classes, so a fingerprint of those, stored in the database after an update, tells whether
 * the next start needs one.
 */
final class SchemaUpdateGate {

    private static final String TABLE = "KETAMINE_SCHEMA_STATE";
    private static final String KEY = "hibernate-mapping";

    private static final Logger log = LoggerFactory.getLogger(SchemaUpdateGate.class);

    private final DataSource dataSource;
    private final String fingerprint;
    private volatile boolean updateRequested;

    SchemaUpdateGate(DataSource dataSource, String fingerprint) {
        this.dataSource = dataSource;
        this.fingerprint = fingerprint;
    }

    /**
     * Turns a configured {@code update} into {@code none} in these JPA properties when this database already has the
     * schema for this mapping; otherwise leaves them, and records the mapping once the application is ready.
     */
    void apply(Map<String, Object> jpaProperties) {
        if (!"update".equals(jpaProperties.get(AvailableSettings.HBM2DDL_AUTO))) {
            return;
        }
        if (schemaUpToDate()) {
            jpaProperties.put(AvailableSettings.HBM2DDL_AUTO, "none");
            log.info("Database schema already matches this version's mapping: Hibernate's schema update skipped");
        } else {
            updateRequested = true;
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void recordUpdateIfRun() {
        if (!updateRequested) {
            return;
        }
        try {
            recordUpdate();
        } catch (SQLException e) {
            log.warn("Could not record the schema's mapping; the next start updates the schema again: {}", e.toString());
        }
    }

    /** Whether this database was last updated for the same mapping. False when that is not known. */
    boolean schemaUpToDate() {
        try (Connection connection = dataSource.getConnection()) {
            createTableIfAbsent(connection);
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT FINGERPRINT FROM " + TABLE + " WHERE NAME = ?")) {
                query.setString(1, KEY);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() && fingerprint.equals(row.getString(1));
                }
            }
        } catch (SQLException e) {
            return false;
        }
    }

    /** Records that the schema now matches this mapping; called once Hibernate's update has run. */
    void recordUpdate() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            createTableIfAbsent(connection);
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + TABLE + " WHERE NAME = ?");
                    PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO " + TABLE + " (NAME, FINGERPRINT) VALUES (?, ?)")) {
                delete.setString(1, KEY);
                delete.executeUpdate();
                insert.setString(1, KEY);
                insert.setString(2, fingerprint);
                insert.executeUpdate();
            }
            connection.commit();
        }
    }

    private static void createTableIfAbsent(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE
                    + " (NAME VARCHAR(64) NOT NULL PRIMARY KEY, FINGERPRINT VARCHAR(64) NOT NULL)");
        }
    }

    /**
     * SHA-256 over HAPI's and Hibernate's versions, the dialect, and the bytecode of the {@code @Entity} classes under
     * {@code basePackage}.
     */
    static String fingerprint(String basePackage, Object dialect) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (String part : new String[] {VersionUtil.getVersion(), org.hibernate.Version.getVersionString(),
                String.valueOf(dialect)}) {
            digest.update(part.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        for (String entity : entityClasses(basePackage)) {
            digest.update(entity.getBytes(StandardCharsets.UTF_8));
            digest.update(classBytes(entity));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static TreeSet<String> entityClasses(String basePackage) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Entity.class));
        TreeSet<String> names = new TreeSet<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
            names.add(candidate.getBeanClassName());
        }
        return names;
    }

    private static byte[] classBytes(String className) {
        String resource = className.replace('.', '/') + ".class";
        try (InputStream in = SchemaUpdateGate.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
