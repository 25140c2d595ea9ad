package com.northwind.shop.users;

import static org.assertj.core.api.Assertions.assertThat;

import com.northwind.shop.platform.test.RealInfrastructure;
import com.northwind.shop.platform.test.TestHttp;
import com.northwind.shop.platform.test.TestTokens;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * Base of user-service's HTTP tests: the real application on a random port, real PostgreSQL and Redis, the signing
 * keys of {@code application-test.yml}. Every subclass shares one Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
@ActiveProfiles("test")
abstract class UsersIntegrationTests {

    static final String PASSWORD = "correct-horse-battery-7";
    static final String ADMIN_EMAIL = "admin@northwind.test";
    static final String ADMIN_PASSWORD = "bootstrap-admin-password-2026";

    private static final AtomicInteger IPS = new AtomicInteger(1);

    @Autowired
    Environment environment;

    TestHttp http;

    @BeforeEach
    void connect() {
        http = TestHttp.localhost(environment.getRequiredProperty("local.server.port", Integer.class));
    }

    /** A client address of its own, so that per-IP throttling of one test never affects another. */
    static String freshIp() {
        int n = IPS.getAndIncrement();
        return "10.77." + (n / 250) + "." + (n % 250 + 1);
    }

    static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    TestHttp.Response post(String path, String json, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("Content-Type", "application/json");
        return http.send("POST", path, json, all);
    }

    TestHttp.Response post(String path, String json) {
        return post(path, json, Map.of());
    }

    TestHttp.Response send(String method, String path, @Nullable String json, String accessToken) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Authorization", "Bearer " + accessToken);
        if (json != null) {
            headers.put("Content-Type", "application/json");
        }
        return http.send(method, path, json, headers);
    }

    TestHttp.Response register(String email, String password, String name) {
        return post(
                "/api/auth/register",
                "{\"email\":\"%s\",\"password\":\"%s\",\"name\":\"%s\"}".formatted(email, password, name));
    }

    TestHttp.Response login(String email, String password, String ip) {
        return post(
                "/api/auth/login",
                "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, password),
                Map.of("X-Forwarded-For", ip));
    }

    /** Registers a customer and returns its id. */
    UUID newCustomer(String email) {
        TestHttp.Response response = register(email, PASSWORD, "Test Customer");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return UUID.fromString(response.json().path("id").asString());
    }

    /** Logs in and returns the token response. */
    JsonNode tokens(String email, String password) {
        TestHttp.Response response = login(email, password, freshIp());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    String accessToken(String email, String password) {
        return tokens(email, password).path("accessToken").asString();
    }

    /** Signs tokens with one of the test signing keys, so that forged claims meet user-service's real checks. */
    TestTokens signingWith(String kid) {
        return TestTokens.forKey(keyPair(environment, kid), kid);
    }

    static KeyPair keyPair(Environment environment, String kid) {
        for (int i = 0; ; i++) {
            String id = environment.getRequiredProperty("northwind.users.tokens.keys[" + i + "].id");
            if (id.equals(kid)) {
                String pem = environment.getRequiredProperty("northwind.users.tokens.keys[" + i + "].private-key");
                try {
                    byte[] der = Base64.getDecoder()
                            .decode(pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "")
                                    .replaceAll("\\s", ""));
                    KeyFactory rsa = KeyFactory.getInstance("RSA");
                    RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
                    return new KeyPair(
                            rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())), key);
                } catch (java.security.GeneralSecurityException ex) {
                    throw new IllegalStateException(ex);
                }
            }
        }
    }
}
