package com.northwind.shop.gateway;

import com.northwind.shop.platform.test.RealInfrastructure;
import com.northwind.shop.platform.test.TestHttp;
import com.northwind.shop.platform.test.TestTokens;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/**
 * Base of the over-HTTP tests: the booted gateway on a random port in front of the real downstream servers of
 * {@link com.northwind.shop.gateway.test.Downstreams}. Same annotations as every other {@code @SpringBootTest} here,
 * so one context serves them all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
public abstract class GatewayHttpTests {

    @Autowired
    private Environment environment;

    protected TestHttp http;

    @BeforeEach
    void connect() {
        http = TestHttp.localhost(environment.getRequiredProperty("local.server.port", Integer.class));
    }

    /** Headers of a request from a client of its own (its own rate-limit bucket), through a trusted proxy. */
    protected static Map<String, String> asClient(String address) {
        return Map.of("X-Forwarded-For", address);
    }

    /** Headers carrying a valid access token of a fresh customer. */
    protected static Map<String, String> signedIn() {
        return Map.of("Authorization", "Bearer " + TestTokens.get().accessToken(UUID.randomUUID(), "CUSTOMER"));
    }

    /** {@link #signedIn()} plus a JSON content type. */
    protected static Map<String, String> signedInJson() {
        Map<String, String> headers = new HashMap<>(signedIn());
        headers.put("Content-Type", "application/json");
        return headers;
    }

    /** A GET with a valid access token. */
    protected TestHttp.Response getSignedIn(String path) {
        return http.send("GET", path, null, signedIn());
    }

    /** A documentation-range address no other test uses. */
    protected static String freshClientAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.51." + random.nextInt(0, 256) + "." + random.nextInt(1, 255);
    }
}
