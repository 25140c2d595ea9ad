package com.northwind.shop.gateway.ratelimit;

import static com.northwind.shop.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.northwind.shop.gateway.GatewayHttpTests;
import com.northwind.shop.platform.test.TestHttp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

class RateLimitTests extends GatewayHttpTests {

    @Autowired
    private ReactiveStringRedisTemplate redis;

    @Value("${northwind.redis.key-prefix}")
    private String keyPrefix;

    @Test
    void refusesAuthRequestsPastTheBurstWithProblemAndRetryAfter() {
        String client = freshClientAddress();
        Map<String, String> headers = new HashMap<>(asClient(client));
        headers.put("Content-Type", "application/json");
        String body = "{\"email\":\"a@example.com\",\"password\":\"x\"}";

        // Test burst on /api/auth/** is 3, refilled at 1 per second: the burst passes, then requests are refused
        // (a slow machine may earn a token or two back in between, hence the few extra tries).
        for (int i = 0; i < 3; i++) {
            TestHttp.Response allowed = http.send("POST", "/api/auth/login", body, headers);
            assertThat(allowed.status()).isEqualTo(201);
            assertThat(Integer.parseInt(allowed.header("RateLimit-Remaining"))).isBetween(0, 2);
        }
        TestHttp.Response refused = http.send("POST", "/api/auth/login", body, headers);
        for (int extra = 0; extra < 3 && refused.status() != 429; extra++) {
            refused = http.send("POST", "/api/auth/login", body, headers);
        }

        assertProblem(refused, 429);
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
        assertThat(refused.header("RateLimit-Limit")).isEqualTo("3");
        // Another client is not affected, nor is the same client on a less strict route.
        assertThat(http.send("POST", "/api/auth/login", body, asClientWithJson(freshClientAddress()))
                        .status())
                .isEqualTo(201);
        assertThat(http.send("GET", "/api/products", null, asClient(client)).status())
                .isEqualTo(200);
    }

    @Test
    void keepsItsBucketsUnderTheConfiguredKeyPrefix() {
        String client = freshClientAddress();
        assertThat(http.send("POST", "/api/auth/login", "{}", asClientWithJson(client))
                        .status())
                .isEqualTo(201);

        List<String> keys = redis.keys(keyPrefix + "rate-limit:*" + client + "*")
                .collectList()
                .block();
        assertThat(keys).isNotEmpty().allMatch(key -> key.startsWith(keyPrefix));
        assertThat(redis.opsForZSet().size(keyPrefix + "gateway:replicas").block())
                .isEqualTo(1L);
    }

    private static Map<String, String> asClientWithJson(String address) {
        return Map.of("X-Forwarded-For", address, "Content-Type", "application/json");
    }
}
