package org.ketaminefhir.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class SigningKeysTest {

    private static final JWKSelector RSA_KEYS = new JWKSelector(new JWKMatcher.Builder().keyType(KeyType.RSA).build());

    @Test
    void withoutAConfiguredKeyOneRsaKeyIsMadeAndEveryUseGetsTheSameOne() throws Exception {
        JWKSource<SecurityContext> keys = SigningKeys.from(null);

        List<JWK> first = keys.get(RSA_KEYS, null);
        List<JWK> second = keys.get(RSA_KEYS, null);

        assertThat(first).hasSize(1);
        RSAKey key = first.get(0).toRSAKey();
        assertThat(key.isPrivate()).as("it can sign").isTrue();
        assertThat(key.size()).isEqualTo(2048);
        assertThat(key.getKeyID()).isEqualTo(key.computeThumbprint().toString());
        assertThat(second).containsExactlyElementsOf(first);
    }
}
