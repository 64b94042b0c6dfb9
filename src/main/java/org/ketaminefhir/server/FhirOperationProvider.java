package org.ketaminefhir.server;

/**
 * Marks a bean whose {@code @Operation} methods the RestfulServer serves. Features implement it; the server collects
 * every such bean without knowing the feature.
 */
public interface FhirOperationProvider {}
