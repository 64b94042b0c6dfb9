package org.ketaminefhir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class KetamineFhirApplication {

    public static void main(String[] args) {
        SpringApplication.run(KetamineFhirApplication.class, args);
    }
}
