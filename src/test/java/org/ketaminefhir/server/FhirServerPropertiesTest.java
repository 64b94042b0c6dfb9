package org.ketaminefhir.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.Validation;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/** Start-up refuses a configuration that makes no sense, with a message naming the property. */
class FhirServerPropertiesTest {

    private static FhirServerProperties bind(Map<String, String> properties) {
        Binder binder = new Binder(new MapConfigurationPropertySource(properties));
        ValidationBindHandler validation = new ValidationBindHandler(
                new SpringValidatorAdapter(Validation.buildDefaultValidatorFactory().getValidator()));
        return binder.bindOrCreate("ketamine.server", Bindable.of(FhirServerProperties.class), validation);
    }

    @Test
    void defaults() {
        FhirServerProperties properties = bind(Map.of());

        assertThat(properties.maxRequestBodySize()).isEqualTo(DataSize.ofMegabytes(10));
        assertThat(properties.defaultPageSize()).isEqualTo(20);
        assertThat(properties.maxPageSize()).isEqualTo(500);
        assertThat(properties.serverName()).isEqualTo("Ketamine FHIR Server");
    }

    @Test
    void sizesAreReadWithUnits() {
        assertThat(bind(Map.of("ketamine.server.max-request-body-size", "25MB")).maxRequestBodySize())
                .isEqualTo(DataSize.ofMegabytes(25));
    }

    @Test
    void aPageSizeOutsideItsRangeIsRefused() {
        assertThatThrownBy(() -> bind(Map.of("ketamine.server.default-page-size", "0")))
                .isInstanceOf(BindException.class)
                .getRootCause()
                .hasMessageContaining("ketamine.server.default-page-size")
                .hasMessageContaining("must be greater than or equal to 1");
    }

    @Test
    void aDefaultPageLargerThanTheMaximumIsRefused() {
        assertThatThrownBy(() -> bind(Map.of(
                        "ketamine.server.default-page-size", "100", "ketamine.server.max-page-size", "50")))
                .isInstanceOf(BindException.class)
                .getRootCause()
                .hasMessage("ketamine.server.default-page-size must not exceed max-page-size");
    }

    @Test
    void aBodyLimitBelowOneKilobyteIsRefused() {
        assertThatThrownBy(() -> bind(Map.of("ketamine.server.max-request-body-size", "100B")))
                .isInstanceOf(BindException.class)
                .getRootCause()
                .hasMessage("ketamine.server.max-request-body-size must be at least 1KB");
    }
}
