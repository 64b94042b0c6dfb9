package org.ketaminefhir.guard;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import org.ketaminefhir.server.FhirServerProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class GuardConfig {

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
            FhirContext fhirContext, FhirServerProperties properties) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestBodyLimitFilter(fhirContext, properties.maxRequestBodySize().toBytes()));
        registration.addUrlPatterns("/fhir/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    JsonShapeInterceptor jsonShapeInterceptor(FhirContext fhirContext) {
        return new JsonShapeInterceptor(fhirContext);
    }

    @Bean
    TransactionRequestInterceptor transactionRequestInterceptor() {
        return new TransactionRequestInterceptor();
    }

    @Bean
    PatchTargetInterceptor patchTargetInterceptor(FhirContext fhirContext) {
        return new PatchTargetInterceptor(fhirContext);
    }

    @Bean
    XmlNamespaceInterceptor xmlNamespaceInterceptor() {
        return new XmlNamespaceInterceptor();
    }

    @Bean
    RequiredElementsInterceptor requiredElementsInterceptor(FhirContext fhirContext) {
        return new RequiredElementsInterceptor(fhirContext);
    }

    @Bean
    RequestParameterInterceptor requestParameterInterceptor(ISearchParamRegistry searchParameters) {
        return new RequestParameterInterceptor(searchParameters);
    }

    @Bean
    ClientErrorTranslation clientErrorTranslation() {
        return new ClientErrorTranslation();
    }

    @Bean
    UnavailableOperations unavailableOperations() {
        return new UnavailableOperations();
    }
}
