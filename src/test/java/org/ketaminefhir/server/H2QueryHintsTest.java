package org.ketaminefhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.hibernate.cfg.AvailableSettings;
import org.junit.jupiter.api.Test;

class H2QueryHintsTest {

    /** As HAPI 8.8.0 issues it for Patient/{id}/$everything (logged by its SearchQueryExecutor at TRACE). */
    static final String EVERYTHING_QUERY = "SELECT DISTINCT t0.SRC_RESOURCE_ID FROM HFJ_RES_LINK t0"
            + " INNER JOIN HFJ_RESOURCE t1 ON (t0.SRC_RESOURCE_ID = t1.RES_ID)"
            + " WHERE ((t0.TARGET_RESOURCE_ID = ?) AND (t1.RES_DELETED_AT IS NULL) AND (NOT (t1.RES_TYPE IN (?,?) )))"
            + " GROUP BY t0.SRC_RESOURCE_ID ORDER BY t0.SRC_RESOURCE_ID fetch first ? rows only";

    @Test
    void registersItselfOnlyForH2() {
        Map<String, Object> h2 = new HashMap<>(Map.of(AvailableSettings.DIALECT,
                "ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect"));
        Map<String, Object> postgres = new HashMap<>(Map.of(AvailableSettings.DIALECT,
                "ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect"));
        H2QueryHints hint = new H2QueryHints();

        hint.registerIfH2(postgres);
        assertThat(postgres).doesNotContainKey(AvailableSettings.STATEMENT_INSPECTOR);

        hint.registerIfH2(h2);
        assertThat(h2).containsEntry(AvailableSettings.STATEMENT_INSPECTOR, hint);
    }

    @Test
    void staysOffWhenTheDatabaseLacksTheIndex() throws SQLException {
        JdbcDataSource database = h2("no-index");
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE HFJ_RES_LINK (PID BIGINT PRIMARY KEY, TARGET_RESOURCE_ID BIGINT)");
        }
        H2QueryHints hint = registeredHint();

        hint.enableIfIndexExists(database);

        assertThat(hint.isEnabled()).isFalse();
        assertThat(hint.inspect(EVERYTHING_QUERY)).isEqualTo(EVERYTHING_QUERY);
        assertThat(hint.hintedQueries()).isZero();
    }

    @Test
    void namesTheTargetIndexForTheEverythingQueryOnly() throws SQLException {
        H2QueryHints hint = registeredHint();
        hint.enableIfIndexExists(linkTables("only-everything", 0));
        String includes = "SELECT r.TARGET_RESOURCE_ID FROM HFJ_RES_LINK r WHERE r.SRC_RESOURCE_ID IN (?)";
        String bySource = "SELECT DISTINCT t0.SRC_RESOURCE_ID FROM HFJ_RES_LINK t0 WHERE (t0.SRC_PATH = ?)";

        assertThat(hint.isEnabled()).isTrue();
        assertThat(hint.inspect(EVERYTHING_QUERY)).isEqualTo(EVERYTHING_QUERY.replace(
                "FROM HFJ_RES_LINK t0 ", "FROM HFJ_RES_LINK t0 USE INDEX (IDX_RL_TGT_V2) "));
        assertThat(hint.inspect(includes)).isEqualTo(includes);
        assertThat(hint.inspect(bySource)).isEqualTo(bySource);
        assertThat(hint.hintedQueries()).isEqualTo(1);
    }

    @Test
    void rewritesSortedSearchesOnH2Only() {
        H2QueryHints h2 = registeredHint();
        H2QueryHints postgres = new H2QueryHints();
        postgres.registerIfH2(new HashMap<>(Map.of(AvailableSettings.DIALECT, "HapiFhirPostgresDialect")));
        String sorted = H2SortedSearchJoinTest.HEART_RATES_BY_DATE;

        assertThat(h2.inspect(sorted)).isEqualTo(H2SortedSearchJoin.rewrite(sorted)).isNotEqualTo(sorted);
        assertThat(h2.rewrittenSortedSearches()).isEqualTo(1);
        assertThat(h2.hintedQueries()).isZero();
        assertThat(postgres.inspect(sorted)).isEqualTo(sorted);
        assertThat(postgres.rewrittenSortedSearches()).isZero();
    }

    /** The reason for the hint, kept as a check: if an H2 upgrade plans the query well by itself, this says so. */
    @Test
    void h2ScansEveryResourceWithoutTheHintAndSeeksTheLinksWithIt() throws SQLException {
        JdbcDataSource database = linkTables("plans", 2_000);
        H2QueryHints hint = registeredHint();
        hint.enableIfIndexExists(database);
        String patient1000 = EVERYTHING_QUERY.replaceFirst("\\?", "10001").replaceFirst("\\?", "'Group'")
                .replaceFirst("\\?", "'List'").replaceFirst("\\?", "200");

        assertThat(plan(database, patient1000)).contains("HFJ_RESOURCE.tableScan");
        assertThat(plan(database, hint.inspect(patient1000)))
                .contains("IDX_RL_TGT_V2: TARGET_RESOURCE_ID = CAST(10001 AS BIGINT)")
                .doesNotContain("tableScan");
        assertThat(rows(database, hint.inspect(patient1000))).isEqualTo(rows(database, patient1000)).isEqualTo(10);
    }

    private static H2QueryHints registeredHint() {
        H2QueryHints hint = new H2QueryHints();
        hint.registerIfH2(new HashMap<>(Map.of(AvailableSettings.DIALECT, "HapiFhirH2Dialect")));
        return hint;
    }

    private static JdbcDataSource h2(String name) {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        return database;
    }

    /**
     * HAPI's two tables with the columns and indexes the query touches, and {@code patients} patients with ten
     * resources each (ids: patient p is p * 10 + 1, its resources follow it).
     */
    private static JdbcDataSource linkTables(String name, int patients) throws SQLException {
        JdbcDataSource database = h2(name);
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE HFJ_RESOURCE (RES_ID BIGINT PRIMARY KEY, RES_TYPE VARCHAR(40) NOT NULL,"
                    + " RES_DELETED_AT TIMESTAMP)");
            sql.execute("CREATE TABLE HFJ_RES_LINK (PID BIGINT PRIMARY KEY, SRC_PATH VARCHAR(500) NOT NULL,"
                    + " SRC_RESOURCE_ID BIGINT NOT NULL, TARGET_RESOURCE_ID BIGINT, TARGET_RESOURCE_TYPE VARCHAR(40),"
                    + " PARTITION_ID INT)");
            sql.execute("CREATE INDEX IDX_RL_SRC ON HFJ_RES_LINK (SRC_RESOURCE_ID)");
            sql.execute("CREATE INDEX IDX_RL_TGT_v2 ON HFJ_RES_LINK"
                    + " (TARGET_RESOURCE_ID, SRC_PATH, SRC_RESOURCE_ID, TARGET_RESOURCE_TYPE, PARTITION_ID)");
            sql.execute("INSERT INTO HFJ_RESOURCE SELECT X, CASE WHEN MOD(X, 10) = 1 THEN 'Patient'"
                    + " ELSE 'Observation' END, NULL FROM SYSTEM_RANGE(1, " + patients * 10 + ")");
            sql.execute("INSERT INTO HFJ_RES_LINK SELECT RES_ID, 'Observation.subject', RES_ID,"
                    + " RES_ID - MOD(RES_ID - 1, 10), 'Patient', NULL FROM HFJ_RESOURCE");
        }
        return database;
    }

    static String plan(JdbcDataSource database, String query) throws SQLException {
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement();
                ResultSet plan = sql.executeQuery("EXPLAIN " + query)) {
            plan.next();
            return plan.getString(1);
        }
    }

    private static int rows(JdbcDataSource database, String query) throws SQLException {
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery(query)) {
            int count = 0;
            while (rows.next()) {
                count++;
            }
            return count;
        }
    }
}
