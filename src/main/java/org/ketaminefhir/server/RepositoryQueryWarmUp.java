package org.ketaminefhir.server;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues.ValueHolder;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactoryBean;
import org.springframework.util.ClassUtils;

/**
 * Parses the JPQL queries declared on the application's Spring Data repositories (HAPI's, nearly all) on a second
 * thread, as soon as the persistence unit exists. Spring Data checks every declared query when it creates a
 * repository, one after another on the single start-up thread, and Hibernate's query parser was about 8 % of that
 * thread. Hibernate keeps each parsed query under its text, so the start-up thread finds the queries this thread got to
 * first already parsed, and parses the others itself, as before.
 */
final class RepositoryQueryWarmUp implements BeanPostProcessor {

    private static final Logger log = LoggerFactory.getLogger(RepositoryQueryWarmUp.class);

    private final ConfigurableListableBeanFactory beanFactory;
    private final AtomicBoolean started = new AtomicBoolean();

    RepositoryQueryWarmUp(ConfigurableListableBeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof EntityManagerFactory factory && started.compareAndSet(false, true)) {
            Thread warmUp = new Thread(() -> parseAll(factory), "repository-query-warm-up");
            warmUp.setDaemon(true);
            warmUp.start();
        }
        return bean;
    }

    private void parseAll(EntityManagerFactory factory) {
        long start = System.nanoTime();
        List<String> queries = declaredQueries();
        int parsed = 0;
        EntityManager entityManager = factory.createEntityManager();
        try {
            for (String query : queries) {
                try {
                    entityManager.createQuery(query);
                    parsed++;
                } catch (RuntimeException notParsedHere) {
                    // Spring Data reports a broken query itself, with the repository method that declares it.
                }
            }
        } finally {
            entityManager.close();
        }
        log.debug("Parsed {} of {} repository queries ahead of Spring Data in {} ms",
                parsed, queries.size(), (System.nanoTime() - start) / 1_000_000);
    }

    /** The JPQL of every {@code @Query} on the repositories Spring Data will create, in the order they are defined. */
    List<String> declaredQueries() {
        List<String> queries = new ArrayList<>();
        for (String name : beanFactory.getBeanDefinitionNames()) {
            BeanDefinition definition = beanFactory.getBeanDefinition(name);
            ValueHolder repositoryInterface = definition.getConstructorArgumentValues().getIndexedArgumentValue(0, null);
            if (!isJpaRepositoryFactory(definition.getBeanClassName())
                    || repositoryInterface == null
                    || !(repositoryInterface.getValue() instanceof String interfaceName)) {
                continue;
            }
            try {
                Class<?> repository = ClassUtils.forName(interfaceName, beanFactory.getBeanClassLoader());
                for (Method method : repository.getMethods()) {
                    Query query = method.getAnnotation(Query.class);
                    if (query != null && !query.nativeQuery() && !query.value().isBlank()) {
                        queries.add(query.value());
                    }
                }
            } catch (ClassNotFoundException | LinkageError notLoadable) {
                // Spring Data fails on it itself.
            }
        }
        return queries;
    }

    /** HAPI's repositories are made by Envers' subclass of Spring Data JPA's factory. */
    private boolean isJpaRepositoryFactory(String beanClassName) {
        if (beanClassName == null) {
            return false;
        }
        try {
            return JpaRepositoryFactoryBean.class.isAssignableFrom(
                    ClassUtils.forName(beanClassName, beanFactory.getBeanClassLoader()));
        } catch (ClassNotFoundException | LinkageError notLoadable) {
            return false;
        }
    }
}
