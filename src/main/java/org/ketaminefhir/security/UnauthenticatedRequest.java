package org.ketaminefhir.security;

/**
 * A request to {@code /fhir} refused with 401: no bearer token, or one that is invalid or expired. The path is without
 * its query string, which may carry patient identifiers.
 */
public record UnauthenticatedRequest(String method, String path, String remoteAddress, String reason) {}
