package org.ketaminefhir.derived;

import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import java.util.HashSet;
import java.util.Set;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Configuration;

/**
 * An eligibility assessment records what it was based on; that must not stop an EHR from deleting a Condition or a
 * medication later, so referential integrity on delete skips {@code RiskAssessment.basis}. Derived scores and alerts
 * are kept consistent on delete by their own hooks instead.
 */
@Configuration(proxyBeanMethods = false)
class DerivedResourcesConfig implements InitializingBean {

    static final Set<String> SNAPSHOT_REFERENCES = Set.of("RiskAssessment.basis");

    private final JpaStorageSettings settings;

    DerivedResourcesConfig(JpaStorageSettings settings) {
        this.settings = settings;
    }

    @Override
    public void afterPropertiesSet() {
        Set<String> paths = new HashSet<>(settings.getEnforceReferentialIntegrityOnDeleteDisableForPaths());
        paths.addAll(SNAPSHOT_REFERENCES);
        settings.setEnforceReferentialIntegrityOnDeleteDisableForPaths(paths);
    }
}
