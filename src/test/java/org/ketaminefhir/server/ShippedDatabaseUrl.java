package org.ketaminefhir.server;

import java.nio.file.Path;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/** The embedded database URL that application.yaml ships, pointed at a test's own folder. */
final class ShippedDatabaseUrl {

    private ShippedDatabaseUrl() {
    }

    static String in(Path folder) {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yaml"));
        String configured = yaml.getObject().getProperty("spring.datasource.url");
        return configured.replace("${ketamine.data-dir}", folder.toString());
    }
}
