package org.ketaminefhir.security;

import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The embedded server only issues client_credentials tokens, which are signed JWTs the FHIR API checks by signature
 * alone. Spring Authorization Server's default keeps every issued authorization in memory for ever, so a client that
 * asks for a token per request would grow the heap without bound; nothing here ever looks one up, so none is kept.
 * (Revocation and introspection therefore know no token; they are not offered.)
 */
class SelfContainedTokens implements OAuth2AuthorizationService {

    @Override
    public void save(OAuth2Authorization authorization) {
        // Nothing to keep: the token carries everything.
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        // Nothing was kept.
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return null;
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        return null;
    }
}
