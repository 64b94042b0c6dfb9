package org.ketaminefhir.server;

import ca.uhn.fhir.rest.server.RestfulServer;

/**
 * HAPI's RestfulServer, configured with every provider and interceptor. It is held here instead of being a bean of its
 * own because Spring Boot registers every {@code Servlet} bean with the embedded Tomcat before Spring starts caching
 * by-type lookups; see {@link DeferredServlet}.
 */
public record FhirEndpoint(RestfulServer server) {}
