package com.northwind.shop.orders;

import static com.northwind.shop.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.northwind.shop.platform.events.StreamKeys;
import com.northwind.shop.platform.test.RealInfrastructure;
import com.northwind.shop.platform.test.TestHttp;
import com.northwind.shop.platform.test.TestTokens;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/** The platform's dead-letter endpoint as order-service serves it, for its groups only, behind a service token. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class DeadLetterEndpointTests {

    private static final String BASE = "/internal/events/dead-letters";

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    StreamKeys events;

    TestHttp http;

    @BeforeEach
    void connect() {
        http = TestHttp.localhost(port);
    }

    @Test
    void listsShowsRefusesToReplayAndDiscardsAParkedEntry() {
        String marker = UUID.randomUUID().toString();
        redis.opsForStream().add(MapRecord.create(events.streamKey("payments.events"), Map.of("garbage", marker)));

        JsonNode parked = await().atMost(Duration.ofSeconds(20))
                .until(() -> find(marker), Optional::isPresent)
                .orElseThrow();
        assertThat(parked.path("stream").asString()).isEqualTo("payments.events");
        assertThat(parked.path("group").asString()).isEqualTo("order-service");
        assertThat(parked.path("error").asString()).contains("malformed");
        String entry = BASE + "/payments.events/" + parked.path("id").asString();

        TestHttp.Response shown = http.send("GET", entry, null, service());
        assertThat(shown.status()).as(shown.body()).isEqualTo(200);
        assertThat(shown.json().path("fields").path("garbage").asString()).isEqualTo(marker);

        assertProblem(http.send("POST", entry + "/replay", null, service()), 409);
        assertThat(http.send("GET", entry, null, service()).status()).isEqualTo(200);

        assertThat(http.send("DELETE", entry, null, service()).status()).isEqualTo(204);
        assertProblem(http.send("GET", entry, null, service()), 404);
        assertProblem(http.send("POST", entry + "/replay", null, service()), 404);
    }

    @Test
    void requiresAServiceToken() {
        assertProblem(http.send("GET", BASE, null, Map.of()), 401);
        assertProblem(
                http.send(
                        "GET",
                        BASE,
                        null,
                        Map.of("Authorization", "Bearer " + TestTokens.get().accessToken(UUID.randomUUID(), "ADMIN"))),
                403);
        // Operators' tooling only: the services that call order-service cannot replay or discard its events.
        assertProblem(
                http.send(
                        "GET",
                        BASE,
                        null,
                        Map.of(
                                "Authorization",
                                "Bearer " + TestTokens.get().serviceToken("payment-service", "order-service"))),
                403);
    }

    private Optional<JsonNode> find(String marker) {
        TestHttp.Response listed = http.send("GET", BASE, null, service());
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        return listed.json()
                .valueStream()
                .filter(l -> marker.equals(l.path("fields").path("garbage").asString()))
                .findFirst();
    }

    private static Map<String, String> service() {
        return Map.of("Authorization", "Bearer " + TestTokens.get().serviceToken("ops", "order-service"));
    }
}
