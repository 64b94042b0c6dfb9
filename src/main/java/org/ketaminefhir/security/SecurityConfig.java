package org.ketaminefhir.security;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.web.AuthenticationEntryPoint;
import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.context.FhirContext;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Three filter chains: the embedded authorization server's endpoints (token, JWKS, discovery), the FHIR API (bearer
 * JWT required except for the CapabilityStatement and the SMART configuration), and the rest (health probes and the
 * guide package public, everything else refused).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfig {

    static final String[] PUBLIC_FHIR = {"/fhir/metadata", "/fhir/.well-known/smart-configuration"};

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(HttpSecurity http, SecurityProperties properties) throws Exception {
        OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
        if (!properties.embeddedAuthorizationServer()) {
            // An external issuer: nothing answers the embedded endpoints.
            http.securityMatcher(path(null, "/oauth2/**")).authorizeHttpRequests(a -> a.anyRequest().denyAll());
            return http.build();
        }
        http.securityMatcher(server.getEndpointsMatcher())
                .with(server, Customizer.withDefaults())
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .csrf(csrf -> csrf.ignoringRequestMatchers(server.getEndpointsMatcher()))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ClientIdFromAssertion(), AbstractPreAuthenticatedProcessingFilter.class);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain fhirApi(HttpSecurity http, FhirContext fhirContext, SecurityProperties properties,
            ApplicationEventPublisher events) throws Exception {
        AuthenticationEntryPoint unauthenticated = OperationOutcomeResponses.unauthenticated(fhirContext, events);
        http.securityMatcher(path(null, "/fhir/**"))
                .authorizeHttpRequests(a -> a.requestMatchers(path(HttpMethod.GET, PUBLIC_FHIR[0]), path(HttpMethod.GET, PUBLIC_FHIR[1]))
                        .permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(o -> o.jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(OperationOutcomeResponses.forbidden(fhirContext)))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(OperationOutcomeResponses.forbidden(fhirContext)))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable);
        if (properties.corsAllowedOrigins().isEmpty()) {
            http.cors(AbstractHttpConfigurer::disable);
        } else {
            http.cors(c -> c.configurationSource(cors(properties.corsAllowedOrigins())));
        }
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a.requestMatchers(
                                path(null, "/actuator/health"), path(null, "/actuator/health/**"), path(null, "/packages/**"))
                        .permitAll()
                        .anyRequest().denyAll())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable);
        return http.build();
    }

    /**
     * Paths as the client sent them: the FHIR API is HAPI's servlet, not Spring MVC's, so matchers must not depend on
     * which servlet serves a path.
     */
    private static RequestMatcher path(HttpMethod method, String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
    }

    /** Tokens of the embedded server are checked with its own keys; an external issuer's with its published keys. */
    @Bean
    JwtDecoder jwtDecoder(SecurityProperties properties, ObjectProvider<JWKSource<SecurityContext>> embeddedKeys) {
        if (properties.issuerUri() != null && !properties.issuerUri().isBlank()) {
            return JwtDecoders.fromIssuerLocation(properties.issuerUri());
        }
        if (properties.jwkSetUri() != null && !properties.jwkSetUri().isBlank()) {
            return NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build();
        }
        return new EmbeddedTokenDecoder(embeddedKeys.getObject());
    }

    @Bean
    JWKSource<SecurityContext> signingKeys(SecurityProperties properties) {
        return SigningKeys.from(properties.signingKey());
    }

    @Bean
    OAuth2AuthorizationService authorizations() {
        return new SelfContainedTokens();
    }

    /** The patient context of clients configured with one, as the SMART {@code patient} claim. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> patientContext(SecurityProperties properties) {
        return context -> {
            String patient = properties.clientPatients().get(context.getRegisteredClient().getClientId());
            if (patient != null) {
                context.getClaims().claim("patient", patient);
            }
        };
    }

    /** Mapped to its exact path, which the servlet container prefers over HAPI's {@code /fhir/*} mapping. */
    @Bean
    ServletRegistrationBean<SmartConfigurationServlet> smartConfiguration(SecurityProperties properties, ObjectMapper json) {
        return new ServletRegistrationBean<>(new SmartConfigurationServlet(properties, json), SmartConfigurationServlet.PATH);
    }

    @Bean
    SmartScopeAuthorization smartScopeAuthorization() {
        return new SmartScopeAuthorization();
    }

    @Bean
    BulkExportAccess bulkExportAccess(IJobCoordinator jobs) {
        return new BulkExportAccess(jobs);
    }

    @Bean
    ExportFileAccess exportFileAccess(FhirContext fhirContext) {
        return new ExportFileAccess(fhirContext);
    }

    @Bean
    SubscriptionScopeCheck subscriptionScopeCheck() {
        return new SubscriptionScopeCheck();
    }

    @Bean
    PatientSearchNarrowing patientSearchNarrowing() {
        return new PatientSearchNarrowing();
    }

    private static UrlBasedCorsConfigurationSource cors(List<String> origins) {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(origins);
        configuration.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        configuration.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "Prefer", "If-Match",
                "If-None-Exist", "If-None-Match", "If-Modified-Since"));
        configuration.setExposedHeaders(List.of("Location", "Content-Location", "ETag", "Last-Modified"));
        configuration.setAllowCredentials(false);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/fhir/**", configuration);
        return source;
    }
}
