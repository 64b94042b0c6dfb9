package org.ketaminefhir.security;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Security switches, bound from {@code ketamine.security.*}. Clients of the embedded authorization server are Spring
 * Boot's own {@code spring.security.oauth2.authorizationserver.client.*} settings.
 *
 * @param issuerUri an external OAuth2 issuer whose tokens the server accepts; when set, the embedded authorization
 *     server is off
 * @param jwkSetUri the external issuer's key set, when it publishes no discovery document
 * @param tokenEndpoint the external issuer's token endpoint, announced in the SMART configuration
 * @param signingKey a PKCS#8 PEM file with the RSA key the embedded server signs tokens with; give every node the same
 *     file so tokens work on all of them and survive restarts (without it, a key is made at each start)
 * @param clientPatients a patient id per client id, put in that client's tokens as the {@code patient} claim (the
 *     patient context that patient/ scopes are limited to)
 * @param corsAllowedOrigins browser origins allowed to call the API; empty (the default) means no CORS at all
 */
@ConfigurationProperties("ketamine.security")
public record SecurityProperties(
        String issuerUri,
        String jwkSetUri,
        String tokenEndpoint,
        org.springframework.core.io.Resource signingKey,
        @DefaultValue Map<String, String> clientPatients,
        @DefaultValue List<String> corsAllowedOrigins) {

    public boolean embeddedAuthorizationServer() {
        return (issuerUri == null || issuerUri.isBlank()) && (jwkSetUri == null || jwkSetUri.isBlank());
    }
}
