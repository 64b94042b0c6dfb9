package org.ketaminefhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.data.envers.repository.support.EnversRevisionRepositoryFactoryBean;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactoryBean;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

class RepositoryQueryWarmUpTest {

    static class Thing {}

    interface ThingRepository extends Repository<Thing, Long> {
        @Query("SELECT t FROM Thing t WHERE t.name = :name")
        List<Thing> named(@Param("name") String name);

        @Query(value = "SELECT * FROM THING", nativeQuery = true)
        List<Thing> allNatively();

        List<Thing> findByName(String name);
    }

    interface OtherRepository extends Repository<Thing, Long> {
        @Query("DELETE FROM Thing t WHERE t.id = :id")
        void remove(@Param("id") Long id);
    }

    @Test
    void collectsTheJpqlDeclaredOnEveryJpaRepositoryTheContextWillCreate() {
        DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
        // HAPI's repositories are made by Envers' factory; Spring Data names the interface as the first argument.
        beanFactory.registerBeanDefinition("thingRepository", BeanDefinitionBuilder
                .rootBeanDefinition(EnversRevisionRepositoryFactoryBean.class.getName())
                .addConstructorArgValue(ThingRepository.class.getName())
                .getBeanDefinition());
        beanFactory.registerBeanDefinition("otherRepository", BeanDefinitionBuilder
                .rootBeanDefinition(JpaRepositoryFactoryBean.class.getName())
                .addConstructorArgValue(OtherRepository.class.getName())
                .getBeanDefinition());
        beanFactory.registerBeanDefinition("notARepository", BeanDefinitionBuilder
                .rootBeanDefinition(String.class.getName())
                .addConstructorArgValue(ThingRepository.class.getName())
                .getBeanDefinition());

        List<String> queries = new RepositoryQueryWarmUp(beanFactory).declaredQueries();

        assertThat(queries).containsExactly(
                "SELECT t FROM Thing t WHERE t.name = :name", "DELETE FROM Thing t WHERE t.id = :id");
    }

    @Test
    void otherBeansPassThroughUntouched() {
        RepositoryQueryWarmUp warmUp = new RepositoryQueryWarmUp(new DefaultListableBeanFactory());
        Object bean = new Object();

        assertThat(warmUp.postProcessAfterInitialization(bean, "bean")).isSameAs(bean);
    }
}
