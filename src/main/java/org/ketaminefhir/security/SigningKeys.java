package org.ketaminefhir.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.KeySourceException;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.springframework.core.io.Resource;
import org.springframework.security.converter.RsaKeyConverters;

/** The embedded authorization server's signing key: from the configured PEM file, or made at start-up. */
final class SigningKeys {

    private SigningKeys() {}

    static JWKSource<SecurityContext> from(Resource pem) {
        return pem == null ? generatedInBackground() : new ImmutableJWKSet<>(new JWKSet(read(pem)));
    }

    /**
     * A key made on a second thread: finding its primes took about 0.7 s of the single start-up thread. Issuing or
     * checking the first token waits for it.
     */
    private static JWKSource<SecurityContext> generatedInBackground() {
        FutureTask<JWKSet> generation = new FutureTask<>(() -> new JWKSet(generated()));
        Thread generator = new Thread(generation, "signing-key-generation");
        generator.setDaemon(true);
        generator.start();
        return (selector, context) -> {
            try {
                return selector.select(generation.get());
            } catch (ExecutionException e) {
                throw new KeySourceException("The signing key could not be made", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KeySourceException("Interrupted while the signing key was being made", e);
            }
        };
    }

    private static RSAKey generated() throws GeneralSecurityException, JOSEException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        return rsaKey((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate());
    }

    private static RSAKey read(Resource pem) {
        try {
            RSAPrivateKey privateKey;
            try (InputStream in = pem.getInputStream()) {
                privateKey = RsaKeyConverters.pkcs8().convert(in);
            }
            if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
                throw new IllegalArgumentException("ketamine.security.signing-key must be an RSA key in PKCS#8 PEM");
            }
            RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            return rsaKey(publicKey, privateKey);
        } catch (IOException | GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("ketamine.security.signing-key: cannot read an RSA key from " + pem, e);
        }
    }

    private static RSAKey rsaKey(RSAPublicKey publicKey, RSAPrivateKey privateKey) throws JOSEException {
        return new RSAKey.Builder(publicKey).privateKey(privateKey).keyIDFromThumbprint().build();
    }
}
