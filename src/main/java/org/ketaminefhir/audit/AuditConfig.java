package org.ketaminefhir.audit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
    AuditTrailOutsidePatientRecord auditTrailOutsidePatientRecord() {
        return new AuditTrailOutsidePatientRecord();
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
