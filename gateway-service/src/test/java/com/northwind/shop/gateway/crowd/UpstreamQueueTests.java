package com.northwind.shop.gateway.crowd;

import static com.northwind.shop.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.northwind.shop.gateway.GatewayApplication;
import com.northwind.shop.gateway.routing.CircuitBreakers;
import com.northwind.shop.gateway.test.FakeService;
import com.northwind.shop.platform.test.RealInfrastructureInitializer;
import com.northwind.shop.platform.test.TestHttp;
import com.northwind.shop.platform.test.TestInfrastructure;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The gateway caps its connections to each service instance and queues the rest: a crowd never reaches the service
 * all at once, and a request that waits too long for a connection gets 429 with {@code Retry-After}, which is the
 * gateway's overload, not a failure of the service.
 */
class UpstreamQueueTests {

    private static final int CAP = 2;
    private static final long DELAY_MS = 1_500;

    private static final FakeService PRODUCTS = FakeService.start("queue-products");
    private static ConfigurableApplicationContext gateway;

    @BeforeAll
    static void startGateway() {
        gateway = new SpringApplicationBuilder(GatewayApplication.class)
                .initializers(
                        new RealInfrastructureInitializer(),
                        // Rate-limit keys of its own: this gateway must not count as a replica of the other contexts.
                        context -> context.getEnvironment()
                                .getPropertySources()
                                .addFirst(new MapPropertySource(
                                        "queue",
                                        Map.of(
                                                "northwind.redis.key-prefix",
                                                TestInfrastructure.get().redis().keyPrefix() + "queue:"))))
                .run(
                        "--server.port=0",
                        "--spring.cloud.discovery.client.simple.instances.product-service[0].uri=" + PRODUCTS.uri(),
                        "--spring.cloud.loadbalancer.health-check.path.product-service=",
                        "--spring.cloud.gateway.server.webflux.httpclient.pool.max-connections=" + CAP,
                        "--spring.cloud.gateway.server.webflux.httpclient.pool.acquire-timeout=500",
                        "--northwind.gateway.rate-limit.api.replenish-rate=1000",
                        "--northwind.gateway.rate-limit.api.burst-capacity=1000",
                        "--northwind.gateway.circuit-breaker.minimum-number-of-calls=4",
                        "--northwind.gateway.circuit-breaker.sliding-window-size=4");
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        PRODUCTS.stop();
    }

    @Test
    void aCrowdWaitsForTheCappedConnectionsAndTheOverflowGets429NotCountedByTheBreaker() throws Exception {
        TestHttp http =
                TestHttp.localhost(gateway.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
        PRODUCTS.clear();
        List<TestHttp.Response> answers;
        try (ExecutorService crowd = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<TestHttp.Response>> sent = IntStream.range(0, 12)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> http.send(
                                    "GET",
                                    "/api/products/slow?delayMs=" + DELAY_MS,
                                    null,
                                    Map.of("X-Forwarded-For", "192.0.2." + (10 + i))),
                            crowd))
                    .toList();
            Thread.sleep(DELAY_MS / 2); // mid-way through the first answers, not a wait for something
            assertThat(PRODUCTS.requests())
                    .as("requests the service received while the first %d were being answered", CAP)
                    .hasSize(CAP);
            answers = sent.stream().map(CompletableFuture::join).toList();
        }

        // The first CAP were served; the others waited 500 ms for a connection and were told to come back.
        assertThat(answers).extracting(TestHttp.Response::status).containsOnly(200, 429);
        assertThat(answers).filteredOn(a -> a.status() == 200).hasSizeGreaterThanOrEqualTo(CAP);
        List<TestHttp.Response> busy =
                answers.stream().filter(a -> a.status() == 429).toList();
        assertThat(busy).isNotEmpty();
        for (TestHttp.Response answer : busy) {
            assertProblem(answer, 429);
            assertThat(answer.header("Retry-After")).isEqualTo("1");
        }
        // Far past the breaker's window of 4, and none of it counted against the service.
        assertThat(gateway.getBean(CircuitBreakers.class).state("product-service"))
                .isEqualTo(CircuitBreaker.State.CLOSED);
    }
}
