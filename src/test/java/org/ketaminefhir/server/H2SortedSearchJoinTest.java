package org.ketaminefhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class H2SortedSearchJoinTest {

    /**
     * As HAPI 8.8.0 issues it for {@code Observation?patient=X&code=http://loinc.org|8867-4&_sort=date} (logged with
     * {@code org.hibernate.SQL} at DEBUG), with the bind values written in.
     */
    static final String HEART_RATES_BY_DATE = "SELECT t1.RES_ID FROM HFJ_RESOURCE t1"
            + " INNER JOIN HFJ_SPIDX_TOKEN t0 ON (t1.RES_ID = t0.RES_ID)"
            + " INNER JOIN HFJ_RES_LINK t2 ON (t1.RES_ID = t2.SRC_RESOURCE_ID)"
            + " LEFT OUTER JOIN HFJ_SPIDX_DATE t3 ON ((t1.RES_ID = t3.RES_ID) AND (t3.HASH_IDENTITY = 77))"
            + " WHERE ((t0.HASH_SYS_AND_VALUE = 8867) AND ((t2.SRC_PATH = 'Observation.subject')"
            + " AND (t2.TARGET_RESOURCE_ID = 10001))) ORDER BY t3.SP_VALUE_LOW ASC NULLS LAST fetch first 100 rows only";

    @Test
    void bindsTheSortJoinToTheLastInnerJoin() {
        assertThat(H2SortedSearchJoin.rewrite(HEART_RATES_BY_DATE)).isEqualTo(HEART_RATES_BY_DATE.replace(
                "ON ((t1.RES_ID = t3.RES_ID)", "ON ((t2.SRC_RESOURCE_ID = t3.RES_ID)"));

        String linkFirst = "SELECT t1.RES_ID FROM HFJ_RESOURCE t1"
                + " INNER JOIN HFJ_RES_LINK t0 ON (t1.RES_ID = t0.SRC_RESOURCE_ID)"
                + " INNER JOIN HFJ_SPIDX_TOKEN t2 ON (t1.RES_ID = t2.RES_ID)"
                + " LEFT OUTER JOIN HFJ_SPIDX_STRING t3 ON ((t1.RES_ID = t3.RES_ID) AND (t3.HASH_IDENTITY = ?))"
                + " LEFT OUTER JOIN HFJ_SPIDX_DATE t4 ON ((t1.RES_ID = t4.RES_ID) AND (t4.HASH_IDENTITY = ?))"
                + " WHERE (t0.TARGET_RESOURCE_ID = ?) ORDER BY t3.SP_VALUE_NORMALIZED, t4.SP_VALUE_LOW";
        assertThat(H2SortedSearchJoin.rewrite(linkFirst)).isEqualTo(linkFirst
                .replace("ON ((t1.RES_ID = t3.RES_ID)", "ON ((t2.RES_ID = t3.RES_ID)")
                .replace("ON ((t1.RES_ID = t4.RES_ID)", "ON ((t2.RES_ID = t4.RES_ID)"));
    }

    @Test
    void leavesOtherQueriesAlone() {
        String unsorted = "SELECT t0.RES_ID FROM HFJ_SPIDX_TOKEN t0 INNER JOIN HFJ_RES_LINK t1"
                + " ON (t0.RES_ID = t1.SRC_RESOURCE_ID) WHERE (t0.HASH_SYS_AND_VALUE = ?)";
        String sortedWithoutInnerJoin = "SELECT t1.RES_ID FROM HFJ_RESOURCE t1 LEFT OUTER JOIN HFJ_SPIDX_DATE t0"
                + " ON ((t1.RES_ID = t0.RES_ID) AND (t0.HASH_IDENTITY = ?)) WHERE (t1.RES_TYPE = ?)";
        String partitioned = "SELECT t1.RES_ID FROM HFJ_RESOURCE t1 INNER JOIN HFJ_SPIDX_TOKEN t0"
                + " ON ((t1.PARTITION_ID = t0.PARTITION_ID) AND (t1.RES_ID = t0.RES_ID))"
                + " LEFT OUTER JOIN HFJ_SPIDX_DATE t2 ON ((t1.RES_ID = t2.RES_ID) AND (t2.HASH_IDENTITY = ?))";

        for (String query : List.of(unsorted, sortedWithoutInnerJoin, partitioned, H2QueryHintsTest.EVERYTHING_QUERY)) {
            assertThat(H2SortedSearchJoin.rewrite(query)).isEqualTo(query);
        }
    }

    /**
     * The reason for the rewrite, kept as a check: H2 reads every heart rate in the database for HAPI's query, and
     * only the patient's own links for the rewritten one. If an H2 upgrade plans the original well, this says so.
     */
    @Test
    void h2StartsFromThePatientsLinksOnlyAfterTheRewrite() throws SQLException {
        JdbcDataSource database = observationTables(1_000);

        String original = H2QueryHintsTest.plan(database, HEART_RATES_BY_DATE);
        String rewritten = H2QueryHintsTest.plan(database, H2SortedSearchJoin.rewrite(HEART_RATES_BY_DATE));

        assertThat(firstTable(original)).contains("HFJ_SPIDX_TOKEN");
        assertThat(firstTable(rewritten)).contains("HFJ_RES_LINK");
        List<Long> expected = List.of(10010L, 10009L, 10008L, 10007L, 10006L, 10005L, 10004L, 10003L, 10002L);
        assertThat(rows(database, H2SortedSearchJoin.rewrite(HEART_RATES_BY_DATE))).isEqualTo(expected);
        assertThat(rows(database, HEART_RATES_BY_DATE)).isEqualTo(expected);
    }

    /**
     * HAPI's four tables with the columns and indexes the query touches, and {@code patients} patients with nine heart
     * rates each, dated in reverse id order (patient p is p * 10 + 1, its Observations follow it).
     */
    private static JdbcDataSource observationTables(int patients) throws SQLException {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:sorted-search;DB_CLOSE_DELAY=-1");
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE HFJ_RESOURCE (RES_ID BIGINT PRIMARY KEY, RES_TYPE VARCHAR(40) NOT NULL)");
            sql.execute("CREATE TABLE HFJ_SPIDX_TOKEN (SP_ID BIGINT PRIMARY KEY, RES_ID BIGINT NOT NULL,"
                    + " HASH_SYS_AND_VALUE BIGINT, PARTITION_ID INT)");
            sql.execute("CREATE INDEX IDX_SP_TOKEN_HASH_SV_V2 ON HFJ_SPIDX_TOKEN"
                    + " (HASH_SYS_AND_VALUE, RES_ID, PARTITION_ID)");
            sql.execute("CREATE TABLE HFJ_RES_LINK (PID BIGINT PRIMARY KEY, SRC_PATH VARCHAR(500) NOT NULL,"
                    + " SRC_RESOURCE_ID BIGINT NOT NULL, TARGET_RESOURCE_ID BIGINT, TARGET_RESOURCE_TYPE VARCHAR(40),"
                    + " PARTITION_ID INT)");
            sql.execute("CREATE INDEX IDX_RL_SRC ON HFJ_RES_LINK (SRC_RESOURCE_ID)");
            sql.execute("CREATE INDEX IDX_RL_TGT_V2 ON HFJ_RES_LINK"
                    + " (TARGET_RESOURCE_ID, SRC_PATH, SRC_RESOURCE_ID, TARGET_RESOURCE_TYPE, PARTITION_ID)");
            sql.execute("CREATE TABLE HFJ_SPIDX_DATE (SP_ID BIGINT PRIMARY KEY, RES_ID BIGINT NOT NULL,"
                    + " HASH_IDENTITY BIGINT, SP_VALUE_LOW TIMESTAMP, PARTITION_ID INT)");
            sql.execute("CREATE INDEX IDX_SP_DATE_RESID_V2 ON HFJ_SPIDX_DATE"
                    + " (RES_ID, HASH_IDENTITY, SP_VALUE_LOW, PARTITION_ID)");
            sql.execute("INSERT INTO HFJ_RESOURCE SELECT X, CASE WHEN MOD(X, 10) = 1 THEN 'Patient'"
                    + " ELSE 'Observation' END FROM SYSTEM_RANGE(1, " + (patients * 10 + 10) + ")");
            sql.execute("INSERT INTO HFJ_SPIDX_TOKEN SELECT RES_ID, RES_ID, 8867, NULL FROM HFJ_RESOURCE"
                    + " WHERE RES_TYPE = 'Observation'");
            sql.execute("INSERT INTO HFJ_RES_LINK SELECT RES_ID, 'Observation.subject', RES_ID,"
                    + " RES_ID - MOD(RES_ID - 1, 10), 'Patient', NULL FROM HFJ_RESOURCE WHERE RES_TYPE = 'Observation'");
            sql.execute("INSERT INTO HFJ_SPIDX_DATE SELECT RES_ID, RES_ID, 77,"
                    + " DATEADD(MINUTE, -RES_ID, TIMESTAMP '2026-01-01 00:00:00'), NULL FROM HFJ_RESOURCE"
                    + " WHERE RES_TYPE = 'Observation'");
        }
        return database;
    }

    private static String firstTable(String plan) {
        int from = plan.indexOf("FROM ");
        return plan.substring(from, plan.indexOf('\n', from));
    }

    private static List<Long> rows(JdbcDataSource database, String query) throws SQLException {
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery(query)) {
            List<Long> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
            return ids;
        }
    }
}
