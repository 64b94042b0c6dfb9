package org.ketaminefhir.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import org.springframework.core.io.Resource;
import org.springframework.security.converter.RsaKeyConverters;

/** The embedded authorization server's signing key: from the configured PEM file, or made at start-up. */
final class SigningKeys {

    private SigningKeys() {}

    static JWKSource<SecurityContext> from(Resource pem) {
        try {
            RSAPrivateKey privateKey;
            RSAPublicKey publicKey;
            if (pem == null) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                var pair = generator.generateKeyPair();
                privateKey = (RSAPrivateKey) pair.getPrivate();
                publicKey = (RSAPublicKey) pair.getPublic();
            } else {
                try (InputStream in = pem.getInputStream()) {
                    privateKey = RsaKeyConverters.pkcs8().convert(in);
                }
                if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
                    throw new IllegalArgumentException("ketamine.security.signing-key must be an RSA key in PKCS#8 PEM");
                }
                publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            }
            RSAKey key = new RSAKey.Builder(publicKey).privateKey(privateKey).keyIDFromThumbprint().build();
            return new ImmutableJWKSet<>(new JWKSet(key));
        } catch (IOException | GeneralSecurityException | com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException("ketamine.security.signing-key: cannot read an RSA key from " + pem, e);
        }
    }
}
