package org.ketaminefhir.support;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ketaminefhir.KetamineFhirApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One more instance of the real server, started the way {@code java -jar} starts it, for tests about restarts and
 * several nodes sharing a database. The shared {@link FhirServerTest} server is not touched.
 */
public final class ServerNode implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private ServerNode(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static ServerNode start(String profile, Map<String, String> properties) {
        List<String> args = new ArrayList<>();
        args.add("--server.port=0");
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        SpringApplicationBuilder builder = new SpringApplicationBuilder(KetamineFhirApplication.class);
        if (profile != null) {
            builder.profiles(profile);
        }
        return new ServerNode(builder.run(args.toArray(String[]::new)));
    }

    /**
     * A new RSA signing key as a PKCS#8 PEM file, for {@code ketamine.security.signing-key}: nodes given the same file
     * accept each other's tokens, and a restarted node accepts the tokens it issued before.
     */
    public static java.nio.file.Path newSigningKeyFile() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n";
        java.nio.file.Path file = java.nio.file.Files.createTempFile("ketamine-signing", ".pem");
        java.nio.file.Files.writeString(file, pem);
        file.toFile().deleteOnExit();
        return file;
    }

    /** A bean of this node, for tests that watch what the node does internally. */
    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public int port() {
        return ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    }

    /** A FHIR JSON request to this node's {@code /fhir} endpoint, with a token of the node's local client. */
    public RequestSpecification request() {
        return RestAssured.given()
                .baseUri("http://localhost")
                .port(port())
                .basePath("/fhir")
                .auth().oauth2(Tokens.of(port(), Tokens.LOCAL_ADMIN))
                .contentType(Fhir.FHIR_JSON)
                .accept(Fhir.FHIR_JSON);
    }

    @Override
    public void close() {
        context.close();
    }
}
