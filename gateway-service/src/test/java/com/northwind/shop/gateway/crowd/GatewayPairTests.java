package com.northwind.shop.gateway.crowd;

import static com.northwind.shop.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.northwind.shop.gateway.GatewayApplication;
import com.northwind.shop.gateway.ratelimit.RateLimiters;
import com.northwind.shop.gateway.routing.CircuitBreakers;
import com.northwind.shop.gateway.test.FakeService;
import com.northwind.shop.platform.test.RealInfrastructureInitializer;
import com.northwind.shop.platform.test.TestHttp;
import com.northwind.shop.platform.test.TestInfrastructure;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Two real gateways (two application contexts on ports of their own) sharing one Redis and one product-service
 * instance of their own, as two replicas behind a load balancer would.
 */
class GatewayPairTests {

    private static final int RATE = 10;
    private static final int BURST = 10;

    private static final FakeService PRODUCTS = FakeService.start("pair-products");
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoGateways() {
        first = start();
        second = start();
    }

    @AfterAll
    static void stopThem() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        PRODUCTS.stop();
    }

    private static ConfigurableApplicationContext start() {
        // A key prefix of their own: the other test context of this JVM must not count as a third replica.
        String prefix = TestInfrastructure.get().redis().keyPrefix() + "pair:";
        return new SpringApplicationBuilder(GatewayApplication.class)
                .initializers(
                        new RealInfrastructureInitializer(),
                        context -> context.getEnvironment()
                                .getPropertySources()
                                .addFirst(new MapPropertySource("pair", Map.of("northwind.redis.key-prefix", prefix))))
                .run(
                        "--server.port=0",
                        "--spring.cloud.discovery.client.simple.instances.product-service[0].uri=" + PRODUCTS.uri(),
                        // No health checks: a killed instance stays in the list, its calls fail and count.
                        "--spring.cloud.loadbalancer.health-check.path.product-service=",
                        "--northwind.gateway.rate-limit.api.replenish-rate=" + RATE,
                        "--northwind.gateway.rate-limit.api.burst-capacity=" + BURST,
                        "--northwind.gateway.rate-limit.sync-interval=1s",
                        "--northwind.gateway.circuit-breaker.minimum-number-of-calls=4",
                        "--northwind.gateway.circuit-breaker.sliding-window-size=4",
                        "--northwind.gateway.circuit-breaker.wait-duration-in-open-state=2s");
    }

    private static TestHttp http(ConfigurableApplicationContext context) {
        return TestHttp.localhost(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }

    private static String freshClient() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "203.0." + random.nextInt(0, 114) + "." + random.nextInt(1, 255);
    }

    @Test
    void keepAClientWithinTwentyPercentOfItsLimitBetweenThem() throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(first.getBean(RateLimiters.class).replicas()).isEqualTo(2);
            assertThat(second.getBean(RateLimiters.class).replicas()).isEqualTo(2);
        });
        Map<String, String> client = Map.of("X-Forwarded-For", freshClient());
        TestHttp[] gateways = {http(first), http(second)};
        AtomicInteger passed = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        long seconds = 4;
        long started = System.nanoTime();
        long end = started + Duration.ofSeconds(seconds).toNanos();

        // A round-robin load balancer in front: the client's requests alternate between the replicas, far faster
        // than its limit.
        try (ExecutorService senders = Executors.newFixedThreadPool(16)) {
            for (int t = 0; t < 16; t++) {
                int offset = t;
                senders.submit(() -> {
                    for (int i = offset; System.nanoTime() < end; i++) {
                        int status = gateways[i % 2]
                                .send("GET", "/api/products/p", null, client)
                                .status();
                        (status == 200 ? passed : status == 429 ? refused : other).incrementAndGet();
                    }
                });
            }
        }
        double elapsed = (System.nanoTime() - started) / 1e9;

        double allowed = BURST + RATE * elapsed;
        assertThat(other).hasValue(0);
        // The client really asked for more than its limit (else the test would prove nothing).
        assertThat((double) passed.get() + refused.get()).isGreaterThan(allowed * 1.5);
        assertThat((double) passed.get()).isBetween(allowed * 0.8, allowed * 1.2);
    }

    @Test
    void breakerOpensWhenItsServiceIsKilledAndClosesWhenItIsBack() {
        TestHttp gateway = http(first);
        Map<String, String> client = Map.of("X-Forwarded-For", freshClient());
        CircuitBreakers breakers = first.getBean(CircuitBreakers.class);
        assertThat(gateway.send("GET", "/api/products/p", null, client).status())
                .isEqualTo(200);

        PRODUCTS.stop();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                TestHttp.Response response = gateway.send("GET", "/api/products/p", null, client);
                assertProblem(response, 503);
                assertThat(response.header("Retry-After")).isNotBlank();
                return breakers.state("product-service") == CircuitBreaker.State.OPEN;
            });
            // Open: answered at once, without trying the service.
            TestHttp.Response refused = gateway.send("GET", "/api/products/p", null, client);
            assertProblem(refused, 503);
            assertThat(refused.header("Retry-After")).isEqualTo("2");
        } finally {
            PRODUCTS.start();
        }

        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> {
                    assertThat(gateway.send("GET", "/api/products/p", null, client)
                                    .status())
                            .isEqualTo(200);
                    assertThat(breakers.state("product-service")).isEqualTo(CircuitBreaker.State.CLOSED);
                });
    }

    @Test
    void breakerIgnoresTheServicesClientErrorsAndTheGatewaysOwnRefusals() {
        TestHttp gateway = http(second);
        CircuitBreakers breakers = second.getBean(CircuitBreakers.class);

        // 404s from the service and 401s from the gateway (no token): far past the window of 4, none a failure.
        for (int i = 0; i < 8; i++) {
            Map<String, String> client = Map.of("X-Forwarded-For", freshClient());
            assertThat(gateway.send("GET", "/api/products/p?status=404", null, client)
                            .status())
                    .isEqualTo(404);
            assertThat(gateway.send("GET", "/api/orders", null, client).status())
                    .isEqualTo(401);
        }

        assertThat(breakers.state("product-service")).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breakers.state("order-service")).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void breakerLetsAServiceShedLoadWithRetryAfter() {
        TestHttp gateway = http(second);
        CircuitBreakers breakers = second.getBean(CircuitBreakers.class);

        // A busy service's 503 + Retry-After, far past the window of 4: passed on as the service said it, never
        // counted, so the circuit stays closed and the next request still reaches the service.
        for (int i = 0; i < 8; i++) {
            Map<String, String> client = Map.of("X-Forwarded-For", freshClient());
            TestHttp.Response busy = gateway.send("GET", "/api/products/p?status=503&retryAfter=2", null, client);
            assertThat(busy.status()).isEqualTo(503);
            assertThat(busy.header("Retry-After")).isEqualTo("2");
        }

        assertThat(breakers.state("product-service")).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(gateway.send("GET", "/api/products/p", null, Map.of("X-Forwarded-For", freshClient()))
                        .status())
                .isEqualTo(200);
    }
}
