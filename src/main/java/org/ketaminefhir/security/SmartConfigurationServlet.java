package org.ketaminefhir.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code GET /fhir/.well-known/smart-configuration} (SMART App Launch 2.x discovery): where to get a token, how
 * clients authenticate, and which scopes and capabilities the server supports. Public, like the CapabilityStatement.
 */
class SmartConfigurationServlet extends HttpServlet {

    static final String PATH = "/fhir/.well-known/smart-configuration";

    private final transient SecurityProperties properties;
    private final transient ObjectMapper json;

    SmartConfigurationServlet(SecurityProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String base = ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
        Map<String, Object> configuration = new LinkedHashMap<>();
        if (properties.embeddedAuthorizationServer()) {
            configuration.put("issuer", base);
            configuration.put("jwks_uri", base + "/oauth2/jwks");
            configuration.put("token_endpoint", base + "/oauth2/token");
        } else {
            putIfSet(configuration, "issuer", properties.issuerUri());
            putIfSet(configuration, "jwks_uri", properties.jwkSetUri());
            putIfSet(configuration, "token_endpoint", properties.tokenEndpoint());
        }
        configuration.put("grant_types_supported", List.of("client_credentials"));
        configuration.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "private_key_jwt"));
        configuration.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS384", "ES384", "RS256"));
        configuration.put("scopes_supported", List.of(
                "system/*.cruds", "system/*.rs", "user/*.cruds", "user/*.rs", "patient/*.cruds", "patient/*.rs"));
        configuration.put("capabilities", List.of(
                "client-confidential-asymmetric", "client-confidential-symmetric", "permission-v1", "permission-v2",
                "permission-patient", "permission-user"));
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getWriter(), configuration);
    }

    private static void putIfSet(Map<String, Object> configuration, String key, String value) {
        if (value != null && !value.isBlank()) {
            configuration.put(key, value);
        }
    }
}
