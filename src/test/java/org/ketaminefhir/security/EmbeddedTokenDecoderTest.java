package org.ketaminefhir.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
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

    @Test
    void aRememberedTokenIsCheckedAgainstTheClockEachTimeItIsUsed() {
        MovableClock clock = new MovableClock();
        JwtTimestampValidator timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        EmbeddedTokenDecoder withClock = new EmbeddedTokenDecoder(keys, timestamps);
        String token = signedBy(keys, Instant.now().plusSeconds(300));
        assertThat(withClock.decode(token).getSubject()).isEqualTo("local-admin");

        clock.advance(Duration.ofHours(1));

        assertThatThrownBy(() -> withClock.decode(token)).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void aTokenWithAnAlteredSignatureIsRefusedAfterTheOriginalWasAccepted() {
        String token = signedBy(keys, Instant.now().plusSeconds(300));
        assertThat(decoder.decode(token).getSubject()).isEqualTo("local-admin");
        char last = token.charAt(token.length() - 2);
        String altered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A')
                + token.charAt(token.length() - 1);

        assertThatThrownBy(() -> decoder.decode(altered)).isInstanceOf(BadJwtException.class)
                .hasMessageContaining("Invalid signature");
    }

    /** The system clock, moved forward on demand. */
    private static final class MovableClock extends Clock {
        private Duration offset = Duration.ZERO;

        void advance(Duration by) {
            offset = offset.plus(by);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
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
