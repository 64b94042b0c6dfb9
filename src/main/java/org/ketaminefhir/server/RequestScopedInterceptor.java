package org.ketaminefhir.server;

/**
 * Marks an {@code @Interceptor} whose hooks concern what clients do, not what the server does on its own: it is
 * registered on the RestfulServer whatever its pointcuts, so its storage hooks fire for client requests only (not for
 * start-up loaders or the server's derived writes).
 */
public interface RequestScopedInterceptor {}
