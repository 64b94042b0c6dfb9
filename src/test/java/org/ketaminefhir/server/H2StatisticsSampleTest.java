package org.ketaminefhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * Why the default database URL sets {@code ANALYZE_SAMPLE}: H2 re-analyzes a table by itself after 2,000, 4,000,
 * 8,000... changed rows, reading only the first tenth of that setting's rows (1,000 by default) in primary-key order.
 * In our database those are the guide's index rows, all different, so H2 takes a code shared by every heart rate for
 * a near-unique value and starts a patient's search from all of them.
 */
class H2StatisticsSampleTest {

    /** A patient's heart rates, as HAPI 8.8.0 queries them without a sort, bind values written in. */
    private static final String PATIENTS_HEART_RATES = "SELECT t0.RES_ID FROM HFJ_SPIDX_TOKEN t0"
            + " INNER JOIN HFJ_RES_LINK t1 ON (t0.RES_ID = t1.SRC_RESOURCE_ID)"
            + " WHERE ((t0.HASH_SYS_AND_VALUE = 8867) AND ((t1.SRC_PATH = 'Observation.subject')"
            + " AND (t1.TARGET_RESOURCE_ID = 10001)))";

    @Test
    void theServersDatabaseUrlSamplesEnoughRows() {
        assertThat(defaultDatabaseUrl()).contains(";ANALYZE_SAMPLE=1000000");
    }

    @Test
    void withH2sDefaultSampleAPatientsSearchStartsFromEveryHeartRate() throws SQLException {
        assertThat(firstTable(plan(indexTables("default-sample", ""), PATIENTS_HEART_RATES)))
                .contains("HFJ_SPIDX_TOKEN");
    }

    @Test
    void withTheServersSampleItStartsFromThePatientsLinks() throws SQLException {
        String settings = defaultDatabaseUrl().replaceFirst("^[^;]*", "");

        assertThat(firstTable(plan(indexTables("server-sample", settings), PATIENTS_HEART_RATES)))
                .contains("HFJ_RES_LINK");
    }

    private static String defaultDatabaseUrl() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yaml"));
        Properties properties = yaml.getObject();
        return properties.getProperty("spring.datasource.url");
    }

    /**
     * HAPI's token and link tables as a guide load leaves them (2,000 index rows with distinct values), then 3,000
     * patients with nine heart rates each, in one statement per table, so H2 analyzes each table once by itself.
     */
    private static JdbcDataSource indexTables(String name, String settings) throws SQLException {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1" + settings.replace(";WRITE_DELAY=0", "")
                .replace(";DB_CLOSE_ON_EXIT=FALSE", ""));
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE HFJ_SPIDX_TOKEN (SP_ID BIGINT PRIMARY KEY, RES_ID BIGINT NOT NULL,"
                    + " HASH_SYS_AND_VALUE BIGINT, PARTITION_ID INT)");
            sql.execute("CREATE INDEX IDX_SP_TOKEN_HASH_SV_V2 ON HFJ_SPIDX_TOKEN"
                    + " (HASH_SYS_AND_VALUE, RES_ID, PARTITION_ID)");
            sql.execute("CREATE TABLE HFJ_RES_LINK (PID BIGINT PRIMARY KEY, SRC_PATH VARCHAR(500) NOT NULL,"
                    + " SRC_RESOURCE_ID BIGINT NOT NULL, TARGET_RESOURCE_ID BIGINT, TARGET_RESOURCE_TYPE VARCHAR(40),"
                    + " PARTITION_ID INT)");
            sql.execute("CREATE INDEX IDX_RL_TGT_V2 ON HFJ_RES_LINK"
                    + " (TARGET_RESOURCE_ID, SRC_PATH, SRC_RESOURCE_ID, TARGET_RESOURCE_TYPE, PARTITION_ID)");
            sql.execute("INSERT INTO HFJ_SPIDX_TOKEN SELECT X, X, 1000000 + X, NULL FROM SYSTEM_RANGE(1, 2000)");
            sql.execute("INSERT INTO HFJ_RES_LINK SELECT X, 'StructureDefinition.baseDefinition', X, 1 + MOD(X, 50),"
                    + " 'StructureDefinition', NULL FROM SYSTEM_RANGE(1, 2000)");
            // Patient p has id p * 10 + 1, its nine heart rates the ids after it.
            String heartRates = " FROM SYSTEM_RANGE(10000, 39999) WHERE MOD(X, 10) <> 1";
            sql.execute("INSERT INTO HFJ_SPIDX_TOKEN SELECT X, X, 8867, NULL" + heartRates);
            sql.execute("INSERT INTO HFJ_RES_LINK SELECT X, 'Observation.subject', X, X - MOD(X - 1, 10), 'Patient',"
                    + " NULL" + heartRates);
        }
        return database;
    }

    private static String plan(JdbcDataSource database, String query) throws SQLException {
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement();
                ResultSet plan = sql.executeQuery("EXPLAIN " + query)) {
            plan.next();
            return plan.getString(1);
        }
    }

    private static String firstTable(String plan) {
        int from = plan.indexOf("FROM ");
        return plan.substring(from, plan.indexOf('\n', from));
    }
}
