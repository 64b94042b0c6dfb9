package org.ketaminefhir.session;

import org.ketaminefhir.derived.DerivedResources;
import org.ketaminefhir.session.rules.VitalSignAlerts;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SafetyAlertProperties.class)
class SessionConfig {

    @Bean
    SafetyAlertInterceptor safetyAlertInterceptor(DerivedResources resources, SafetyAlertProperties properties) {
        return new SafetyAlertInterceptor(new SessionAlerts(resources, new VitalSignAlerts(properties.thresholds())));
    }
}
