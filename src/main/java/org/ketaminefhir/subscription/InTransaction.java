package org.ketaminefhir.subscription;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;

/** The entity manager of the running transaction, which every subscription table access joins. */
final class InTransaction {

    private InTransaction() {}

    static EntityManager entityManager(EntityManagerFactory factory) {
        EntityManager entityManager = EntityManagerFactoryUtils.getTransactionalEntityManager(factory);
        if (entityManager == null) {
            throw new IllegalStateException("subscription data is read and written inside a transaction");
        }
        return entityManager;
    }
}
