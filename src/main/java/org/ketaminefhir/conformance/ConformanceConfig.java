package org.ketaminefhir.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.IInstanceValidatorModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ConformanceConfig {

    @Bean
    ProfileEnforcementInterceptor profileEnforcementInterceptor(
            FhirContext fhirContext, IInstanceValidatorModule instanceValidator, GuideCatalog catalog) {
        GovernedResources governed = new GovernedResources(
                catalog.valueSet("ketamine-instruments"), catalog.valueSet("ketamine-medications"));
        return new ProfileEnforcementInterceptor(fhirContext, instanceValidator, governed);
    }
}
