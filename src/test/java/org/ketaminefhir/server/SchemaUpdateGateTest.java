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

    @Test
    void theUpdateRunsUntilItHasRunOnceForThisMapping() {
        Map<String, Object> firstStart = update();
        SchemaUpdateGate first = new SchemaUpdateGate(database, "mapping-1");
        first.apply(firstStart);
        assertThat(firstStart).containsEntry("hibernate.hbm2ddl.auto", "update");

        first.recordUpdateIfRun();

        Map<String, Object> restart = update();
        new SchemaUpdateGate(database, "mapping-1").apply(restart);
        assertThat(restart).containsEntry("hibernate.hbm2ddl.auto", "none");
    }

    @Test
    void aChangedMappingRunsTheUpdateAgain() {
        SchemaUpdateGate old = new SchemaUpdateGate(database, "mapping-1");
        old.apply(update());
        old.recordUpdateIfRun();

        Map<String, Object> upgraded = update();
        new SchemaUpdateGate(database, "mapping-2").apply(upgraded);

        assertThat(upgraded).containsEntry("hibernate.hbm2ddl.auto", "update");
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
