package org.ketaminefhir.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.List;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Checks the tokens of the embedded authorization server with the public half of its signing key, turned into a Java
 * key once. The decoder Spring Authorization Server offers for this selects the key from the key set for every token
 * and converts the whole key pair, private half included, from its JSON form each time: 1.9 % of the request CPU of
 * ketamine ingest (JFR, docs/performance.md, Session 24). The key is looked up on the first token, because a key made
 * at start-up may still be in the making when the decoder is created.
 */
final class EmbeddedTokenDecoder implements JwtDecoder {

    private static final JWKSelector RSA_KEYS = new JWKSelector(new JWKMatcher.Builder().keyType(KeyType.RSA).build());

    private final JWKSource<SecurityContext> signingKeys;
    private volatile JwtDecoder decoder;

    EmbeddedTokenDecoder(JWKSource<SecurityContext> signingKeys) {
        this.signingKeys = signingKeys;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        JwtDecoder current = decoder;
        return (current != null ? current : withSigningKey()).decode(token);
    }

    private synchronized JwtDecoder withSigningKey() {
        if (decoder == null) {
            try {
                List<JWK> keys = signingKeys.get(RSA_KEYS, null);
                if (keys.isEmpty()) {
                    throw new JwtException("The embedded authorization server has no RSA signing key");
                }
                decoder = NimbusJwtDecoder.withPublicKey(keys.get(0).toRSAKey().toRSAPublicKey()).build();
            } catch (JOSEException e) {
                throw new JwtException("The embedded authorization server's signing key is not available", e);
            }
        }
        return decoder;
    }
}
