package org.ketaminefhir.samples;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param loadWhenEmpty post the sample bundles at start-up when the database holds no Patient yet
 */
@ConfigurationProperties("ketamine.samples")
public record SampleDataProperties(@DefaultValue("true") boolean loadWhenEmpty) {}
