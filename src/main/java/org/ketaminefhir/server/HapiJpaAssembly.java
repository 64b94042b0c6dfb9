package org.ketaminefhir.server;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.binary.api.IBinaryStorageSvc;
import ca.uhn.fhir.jpa.binary.interceptor.BinaryStorageInterceptor;
import ca.uhn.fhir.jpa.binstore.DatabaseBinaryContentStorageSvcImpl;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import jakarta.persistence.EntityManagerFactory;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.ketaminefhir.KetamineFhirApplication;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.orm.jpa.JpaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * HAPI's JPA server configuration for FHIR R4 plus the beans HAPI expects its host application to provide.
 * Storage behaviour is set here once; the database itself comes from {@code spring.datasource}.
 */
@Configuration(proxyBeanMethods = false)
@Import({
    JpaR4Config.class,
    HapiJpaConfig.class,
    ThreadPoolFactoryConfig.class,
    JpaBatch2Config.class,
    Batch2JobsConfig.class,
    SubscriptionChannelConfig.class
})
class HapiJpaAssembly {

    @Bean
    JpaStorageSettings jpaStorageSettings() {
        JpaStorageSettings settings = new JpaStorageSettings();
        // Identical searches re-run instead of reusing a cached result list: an EHR syncing through several
        // nodes must see a write made a moment ago, whichever node took it.
        settings.setReuseCachedSearchResultsForMillis(null);
        settings.setEnforceReferentialIntegrityOnWrite(true);
        settings.setEnforceReferentialIntegrityOnDelete(true);
        settings.setAutoCreatePlaceholderReferenceTargets(false);
        settings.setAllowInlineMatchUrlReferences(true);
        settings.setAllowExternalReferences(false);
        // Codings' displays and CodeableConcept.text are not indexed a second time as strings, for the :text
        // modifier on tokens: they were a quarter of all index rows, and a :text search now answers 405 saying so.
        settings.setSuppressStringIndexingInTokens(true);
        // HAPI 8 records the hash of every search parameter it meets in HFJ_SPIDX_IDENTITY, one background transaction
        // per parameter, so that optimized index storage (index rows without parameter names) can map hashes back to
        // names. Our index rows keep their names. On a new database those 1,560 commits took an eighth of the
        // start-up CPU.
        settings.setWriteToSearchParamIdentityTable(false);
        // HAPI's ValueSet pre-expansion into its terminology tables needs Hibernate Search, which is off: the scheduled
        // task only logged an ERROR per ValueSet. $expand and code validation expand the guide's ValueSets in memory.
        settings.setPreExpandValueSets(false);
        settings.setEnableTaskPreExpandValueSets(false);
        settings.setDeleteExpungeEnabled(false);
        settings.setExpungeEnabled(false);
        // Bulk Data $export runs as a batch2 job coordinated through the database, so any node may run its steps and
        // any node can answer the status poll. Each kick-off starts its own job: reusing another client's job would
        // hand one client's export to another.
        settings.setEnableTaskBulkExportJobExecution(true);
        settings.setEnableBulkExportJobReuse(false);
        settings.setBulkExportFileRetentionPeriodHours(24);
        // A small job moves to its next step as soon as the previous one finishes, not at the next maintenance pass.
        settings.setJobFastTrackingEnabled(true);
        return settings;
    }

    @Bean
    PartitionSettings partitionSettings() {
        return new PartitionSettings();
    }

    @Bean
    SubscriptionSettings subscriptionSettings() {
        return new SubscriptionSettings();
    }

    /** Binary content lives in the shared database, so every node of a cluster can serve it. */
    @Bean
    IBinaryStorageSvc binaryStorageSvc() {
        return new DatabaseBinaryContentStorageSvcImpl();
    }

    /** Large Binary content (bulk export files) is kept in its own table rather than inside the resource's JSON. */
    @Bean
    SmartInitializingSingleton binaryContentStoredSeparately(
            IInterceptorService storageInterceptors, BinaryStorageInterceptor<?> binaryStorage) {
        return () -> storageInterceptors.registerInterceptor(binaryStorage);
    }

    /**
     * On the embedded H2 database, HAPI's search cache is kept in memory: only this process can open the file, and
     * storing every search cost several commits. PostgreSQL keeps HAPI's database cache, shared by all nodes.
     */
    @Bean
    @Primary
    @Conditional(OnEmbeddedH2.class)
    InMemorySearchCache inMemorySearchCache(JpaStorageSettings storageSettings) {
        return new InMemorySearchCache(storageSettings);
    }

    @Bean
    H2QueryHints h2QueryHints() {
        return new H2QueryHints();
    }

    /** Runs once every singleton, the persistence unit and its schema update included, is in place. */
    @Bean
    SmartInitializingSingleton h2QueryHintsEnabled(H2QueryHints hint, DataSource dataSource) {
        return () -> hint.enableIfIndexExists(dataSource);
    }

    /** Static: a post-processor must exist before the beans it watches, so its configuration class must not. */
    @Bean
    static RepositoryQueryWarmUp repositoryQueryWarmUp(ConfigurableListableBeanFactory beanFactory) {
        return new RepositoryQueryWarmUp(beanFactory);
    }

    @Bean
    SchemaUpdateGate schemaUpdateGate(DataSource dataSource, JpaProperties jpaProperties) {
        return new SchemaUpdateGate(dataSource, SchemaUpdateGate.fingerprint(
                KetamineFhirApplication.class.getPackageName(), jpaProperties.getProperties().get("hibernate.dialect")));
    }

    @Bean
    @Primary
    LocalContainerEntityManagerFactoryBean entityManagerFactory(
            ConfigurableListableBeanFactory beanFactory,
            FhirContext fhirContext,
            JpaStorageSettings storageSettings,
            JpaProperties jpaProperties,
            DataSource dataSource,
            H2QueryHints queryHints,
            SchemaUpdateGate schemaUpdateGate) {
        LocalContainerEntityManagerFactoryBean factory =
                HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
        factory.setPersistenceUnitName("HAPI_PU");
        // HAPI's entities plus the application's own tables (e.g. the subscription outbox), in one persistence unit so
        // that they commit together with the resources.
        factory.setPackagesToScan("ca.uhn.fhir.jpa.model.entity", "ca.uhn.fhir.jpa.entity",
                KetamineFhirApplication.class.getPackageName());
        factory.setDataSource(dataSource);
        Map<String, Object> properties = new HashMap<>(jpaProperties.getProperties());
        queryHints.registerIfH2(properties);
        schemaUpdateGate.apply(properties);
        factory.setJpaPropertyMap(properties);
        return factory;
    }

    @Bean
    @Primary
    JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }
}
