package org.ketaminefhir.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import jakarta.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.orm.jpa.SharedEntityManagerCreator;

@Configuration(proxyBeanMethods = false)
class AuditConfig {

    @Bean
    DatabaseAuditSink databaseAuditSink(
            DaoRegistry daos, IHapiTransactionService transactions, EntityManagerFactory entityManagers) {
        return new DatabaseAuditSink(
                daos, transactions, SharedEntityManagerCreator.createSharedEntityManager(entityManagers));
    }

    @Bean
    AuditTrail auditTrail(DatabaseAuditSink sink) {
        return new AuditTrail(sink, new TokenAuditContext());
    }

    @Bean
    EverythingWithoutAuditTrail everythingWithoutAuditTrail(DataSource dataSource, FhirContext fhirContext) {
        return new EverythingWithoutAuditTrail(
                new PatientLinkTypes(new NamedParameterJdbcTemplate(dataSource), fhirContext.getResourceTypes()));
    }

    @Bean
    AuthenticationAudit authenticationAudit(DatabaseAuditSink sink) {
        return new AuthenticationAudit(sink);
    }

    @Bean
    OperationAudit operationAudit(DatabaseAuditSink sink) {
        return new OperationAudit(sink, new TokenAuditContext());
    }
}
