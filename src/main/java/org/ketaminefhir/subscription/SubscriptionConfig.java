package org.ketaminefhir.subscription;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.matcher.InMemoryResourceMatcher;
import ca.uhn.fhir.jpa.searchparam.matcher.SearchParamMatcher;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SubscriptionProperties.class)
class SubscriptionConfig {

    @Bean
    ActiveSubscriptions activeSubscriptions(DaoRegistry daos, EntityManagerFactory entityManagerFactory,
            SubscriptionProperties properties) {
        return new ActiveSubscriptions(daos, entityManagerFactory, properties.endpointPattern());
    }

    @Bean
    SubscriptionRequests subscriptionRequests(FhirContext fhirContext, InMemoryResourceMatcher matcher,
            NotificationQueue queue, SubscriptionProperties properties) {
        return new SubscriptionRequests(fhirContext, matcher, queue, properties.endpointPattern());
    }

    @Bean
    NotificationWorker notificationWorker(NotificationQueue queue, ActiveSubscriptions subscriptions,
            DaoRegistry daos, FhirContext fhirContext, PlatformTransactionManager transactionManager,
            SubscriptionProperties properties) {
        return new NotificationWorker(queue, subscriptions, daos, fhirContext,
                new RestHookSender(properties.deliveryTimeout()), new TransactionTemplate(transactionManager),
                properties);
    }

    @Bean
    NotificationOutbox notificationOutbox(ActiveSubscriptions subscriptions, SearchParamMatcher matcher,
            NotificationQueue queue, NotificationWorker worker) {
        return new NotificationOutbox(subscriptions, matcher, queue, worker);
    }
}
