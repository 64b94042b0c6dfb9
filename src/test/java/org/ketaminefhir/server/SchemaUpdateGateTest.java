package org.ketaminefhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class SchemaUpdateGateTest {

    private static final String DIALECT = "ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect";

    private final JdbcDataSource database = new JdbcDataSource();

    SchemaUpdateGateTest() {
        database.setURL("jdbc:h2:mem:gate-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    }

    private static Map<String, Object> update() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("hibernate.hbm2ddl.auto", "update");
        return properties;
    }

    /** A start with {@code update} configured and this mapping: what the gate leaves of it, then the ready event. */
    private Object start(String mapping) {
        Map<String, Object> properties = update();
        SchemaUpdateGate gate = new SchemaUpdateGate(database, mapping);
        gate.apply(properties);
        gate.recordUpdateIfRun();
        return properties.get("hibernate.hbm2ddl.auto");
    }

    @Test
    void theUpdateRunsUntilItHasRunOnceForThisMapping() {
        assertThat(start("mapping-1")).as("first start").isEqualTo("update");
        assertThat(start("mapping-1")).as("restart").isEqualTo("none");
        assertThat(start("mapping-1")).as("next restart").isEqualTo("none");
    }

    @Test
    void aChangedMappingRunsTheUpdateAgain() {
        start("mapping-1");

        assertThat(start("mapping-2")).as("upgraded").isEqualTo("update");
        assertThat(start("mapping-2")).as("after the upgrade").isEqualTo("none");
    }

    @Test
    void onlyAnUpdateIsGated() {
        Map<String, Object> validate = new HashMap<>(Map.of("hibernate.hbm2ddl.auto", "validate"));
        SchemaUpdateGate gate = new SchemaUpdateGate(database, "mapping-1");
        gate.apply(validate);
        gate.recordUpdateIfRun();

        assertThat(validate).containsEntry("hibernate.hbm2ddl.auto", "validate");
        assertThat(gate.schemaUpToDate()).as("nothing recorded without an update").isFalse();
    }

    @Test
    void theFingerprintCoversTheApplicationsOwnEntitiesAndTheDialect() {
        String application = SchemaUpdateGate.fingerprint("org.ketaminefhir", DIALECT);

        assertThat(SchemaUpdateGate.fingerprint("org.ketaminefhir", DIALECT)).isEqualTo(application);
        assertThat(SchemaUpdateGate.fingerprint("org.ketaminefhir.server", DIALECT))
                .as("a package without the entities").isNotEqualTo(application);
        assertThat(SchemaUpdateGate.fingerprint("org.ketaminefhir", "org.hibernate.dialect.PostgreSQLDialect"))
                .isNotEqualTo(application);
    }
}
