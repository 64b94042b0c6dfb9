/**
 * The HAPI FHIR JPA server assembled on Spring Boot: storage settings, the entity manager, the RestfulServer servlet
 * at {@code /fhir/*}. This package imports no feature: features contribute {@link
 * org.ketaminefhir.server.FhirOperationProvider} beans and {@code @Interceptor} beans, and {@link
 * org.ketaminefhir.server.InterceptorRegistrar} registers each interceptor where its hooks fire.
 */
package org.ketaminefhir.server;
