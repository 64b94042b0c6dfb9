package org.ketaminefhir.server;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The few switches of the FHIR server, bound from {@code ketamine.server.*} and checked at start-up.
 *
 * @param maxRequestBodySize a request body above this size is refused with 413 before it is parsed
 * @param defaultPageSize search page size when the client gives no {@code _count}
 * @param maxPageSize the largest {@code _count} honoured
 * @param serverName the software name reported in the CapabilityStatement
 */
@Validated
@ConfigurationProperties("ketamine.server")
public record FhirServerProperties(
        @NotNull @DefaultValue("10MB") DataSize maxRequestBodySize,
        @Min(1) @Max(1000) @DefaultValue("20") int defaultPageSize,
        @Min(1) @Max(5000) @DefaultValue("500") int maxPageSize,
        @NotBlank @DefaultValue("Ketamine FHIR Server") String serverName) {

    public FhirServerProperties {
        if (maxRequestBodySize.toBytes() < 1024) {
            throw new IllegalArgumentException("ketamine.server.max-request-body-size must be at least 1KB");
        }
        if (defaultPageSize > maxPageSize) {
            throw new IllegalArgumentException("ketamine.server.default-page-size must not exceed max-page-size");
        }
    }
}
