package org.ketaminefhir.intake;

import org.ketaminefhir.derived.DerivedResources;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntakeProperties.class)
class IntakeConfig {

    @Bean
    EligibilityAssessor eligibilityAssessor(DerivedResources resources, IntakeProperties properties) {
        return new EligibilityAssessor(resources, properties.rules());
    }

    @Bean
    IntakeEligibilityInterceptor intakeEligibilityInterceptor(EligibilityAssessor assessor) {
        return new IntakeEligibilityInterceptor(assessor);
    }

    @Bean
    EligibilityOperationProvider eligibilityOperationProvider(
            EligibilityAssessor assessor, DerivedResources resources, PlatformTransactionManager transactions) {
        return new EligibilityOperationProvider(assessor, resources, new TransactionTemplate(transactions));
    }
}
