package org.ketaminefhir.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Duration;
import java.util.List;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Checks the tokens of the embedded authorization server with the public half of its signing key, turned into a Java
 * key once. The decoder Spring Authorization Server offers for this selects the key from the key set for every token
 * and converts the whole key pair, private half included, from its JSON form each time: 1.9 % of the request CPU of
 * ketamine ingest (JFR, docs/performance.md, Session 24). The key is looked up on the first token, because a key made
 * at start-up may still be in the making when the decoder is created.
 *
 * <p>A client sends the same token with every request until it expires. Its signature is verified once (RSA
 * verification and decoding were 5 % of a search's CPU, Session 25); the exact token text is then remembered, and each
 * later use runs only the validators again (expiry, not-before, certificate binding), so an expired token is refused
 * as before.
 */
final class EmbeddedTokenDecoder implements JwtDecoder {

    private static final JWKSelector RSA_KEYS = new JWKSelector(new JWKMatcher.Builder().keyType(KeyType.RSA).build());
    private static final int REMEMBERED_TOKENS = 1_000;
    private static final Duration REMEMBERED_FOR = Duration.ofMinutes(10);

    private final JWKSource<SecurityContext> signingKeys;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified = Caffeine.newBuilder()
            .maximumSize(REMEMBERED_TOKENS)
            .expireAfterWrite(REMEMBERED_FOR)
            .build();
    private volatile JwtDecoder decoder;

    EmbeddedTokenDecoder(JWKSource<SecurityContext> signingKeys) {
        this(signingKeys, JwtValidators.createDefault());
    }

    EmbeddedTokenDecoder(JWKSource<SecurityContext> signingKeys, OAuth2TokenValidator<Jwt> validator) {
        this.signingKeys = signingKeys;
        this.validator = validator;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known != null && !validator.validate(known).hasErrors()) {
            return known;
        }
        // Unknown, or no longer valid: the full check, which also reports a failure as Spring's decoder does.
        JwtDecoder current = decoder;
        Jwt jwt = (current != null ? current : withSigningKey()).decode(token);
        verified.put(token, jwt);
        return jwt;
    }

    private synchronized JwtDecoder withSigningKey() {
        if (decoder == null) {
            try {
                List<JWK> keys = signingKeys.get(RSA_KEYS, null);
                if (keys.isEmpty()) {
                    throw new JwtException("The embedded authorization server has no RSA signing key");
                }
                NimbusJwtDecoder checked =
                        NimbusJwtDecoder.withPublicKey(keys.get(0).toRSAKey().toRSAPublicKey()).build();
                checked.setJwtValidator(validator);
                decoder = checked;
            } catch (JOSEException e) {
                throw new JwtException("The embedded authorization server's signing key is not available", e);
            }
        }
        return decoder;
    }
}
