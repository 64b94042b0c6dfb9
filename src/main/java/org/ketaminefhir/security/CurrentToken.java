package org.ketaminefhir.security;

import java.util.Collection;
import org.ketaminefhir.security.rules.GrantedScopes;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** The scopes and patient context of the request's access token, as Spring Security authenticated it. */
final class CurrentToken {

    private CurrentToken() {}

    /** The OAuth2 client the token was issued to ({@code client_id}, else {@code sub}), or null without a token. */
    static String clientId() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            String clientId = token.getToken().getClaimAsString("client_id");
            return clientId != null ? clientId : token.getToken().getSubject();
        }
        return null;
    }

    static GrantedScopes grantedScopes() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            // Spring Authorization Server writes scope as a list; other issuers as a space-separated string.
            Object scope = token.getToken().getClaim("scope");
            String scopes = scope instanceof Collection<?> list
                    ? String.join(" ", list.stream().map(String::valueOf).toList())
                    : scope == null ? null : scope.toString();
            return GrantedScopes.of(scopes, token.getToken().getClaimAsString("patient"));
        }
        return GrantedScopes.of(null, null);
    }
}
