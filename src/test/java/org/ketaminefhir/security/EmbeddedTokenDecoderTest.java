package org.ketaminefhir.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

class EmbeddedTokenDecoderTest {

    private final JWKSource<SecurityContext> keys = SigningKeys.from(null);
    private final EmbeddedTokenDecoder decoder = new EmbeddedTokenDecoder(keys);

    @Test
    void aTokenSignedWithTheServersKeyIsAcceptedWithItsClaims() {
        String token = signedBy(keys, Instant.now().plusSeconds(300));

        assertThat(decoder.decode(token).getSubject()).isEqualTo("local-admin");
        assertThat(decoder.decode(token).getClaimAsString("scope")).isEqualTo("system/*.read");
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        String foreign = signedBy(SigningKeys.from(null), Instant.now().plusSeconds(300));

        assertThatThrownBy(() -> decoder.decode(foreign)).isInstanceOf(BadJwtException.class)
                .hasMessageContaining("Invalid signature");
    }

    @Test
    void anExpiredTokenIsRefused() {
        String expired = signedBy(keys, Instant.now().minusSeconds(3600));

        assertThatThrownBy(() -> decoder.decode(expired)).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
    }

    private static String signedBy(JWKSource<SecurityContext> signingKeys, Instant expiresAt) {
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .subject("local-admin")
                .claim("scope", "system/*.read")
                .issuedAt(expiresAt.minusSeconds(600))
                .expiresAt(expiresAt)
                .build();
        return new NimbusJwtEncoder(signingKeys).encode(JwtEncoderParameters.from(claims)).getTokenValue();
    }
}
