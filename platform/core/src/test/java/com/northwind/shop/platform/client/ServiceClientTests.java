package com.northwind.shop.platform.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.northwind.shop.platform.test.ServiceStub;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.annotation.PutExchange;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * A real HTTP service client, configured as the services configure theirs (a group named after the callee, reached
 * through Spring Cloud LoadBalancer), against a real HTTP server standing in for the callee and the token endpoint.
 */
@SpringBootTest(
        classes = ServiceClientTests.App.class,
        properties = {
            "spring.main.web-application-type=none",
            "northwind.security.service-client.client-id=order-service",
            "spring.http.serviceclient.catalog.connect-timeout=500ms",
            "spring.http.serviceclient.catalog.read-timeout=500ms",
            // PUT: the JDK client retries a GET once on its own, which would hide whether this retry works.
            "northwind.service-clients.catalog.retry-methods=GET,PUT",
            "northwind.service-clients.catalog.max-attempts=3",
            "resilience4j.circuitbreaker.instances.catalog.sliding-window-size=4",
            "resilience4j.circuitbreaker.instances.catalog.minimum-number-of-calls=2",
            "resilience4j.circuitbreaker.instances.catalog.wait-duration-in-open-state=1m",
            "resilience4j.circuitbreaker.instances.catalog.record-exceptions=java.lang.IllegalStateException"
        })
class ServiceClientTests {

    private static final ServiceStub CATALOG = new ServiceStub("order-service", "catalog");

    @DynamicPropertySource
    static void catalog(DynamicPropertyRegistry registry) {
        CATALOG.properties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @Autowired
    Catalog catalog;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Test
    void retriesAnIdempotentCallThatGotNoAnswer() {
        CATALOG.server()
                .stubFor(put(urlEqualTo("/api/items/reset"))
                        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> catalog.replace("reset", "{}")).isInstanceOf(ResourceAccessException.class);

        assertThat(CATALOG.server().findAll(putRequestedFor(urlEqualTo("/api/items/reset"))))
                .hasSize(3);
    }

    @Test
    void neverRetriesACallThatIsNotIdempotent() {
        CATALOG.server()
                .stubFor(post(urlEqualTo("/api/items/reset"))
                        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> catalog.create("reset", "{}")).isInstanceOf(ResourceAccessException.class);

        assertThat(CATALOG.server().findAll(postRequestedFor(urlEqualTo("/api/items/reset"))))
                .hasSize(1);
    }

    @Test
    void retriesAnIdempotentCallAnswered503AndReturnsTheNextAnswer() {
        CATALOG.server()
                .stubFor(get(urlEqualTo("/api/items/busy"))
                        .inScenario("busy")
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willReturn(aResponse().withStatus(503))
                        .willSetStateTo("served"));
        CATALOG.server()
                .stubFor(get(urlEqualTo("/api/items/busy"))
                        .inScenario("busy")
                        .whenScenarioStateIs("served")
                        .willReturn(aResponse().withStatus(200).withBody("mug")));

        assertThat(catalog.item("busy")).isEqualTo("mug");
    }

    @Test
    void sendsTheServiceTokenForTheCalleeOnInternalCallsOnly() {
        CATALOG.server()
                .stubFor(get(urlEqualTo("/internal/items/1"))
                        .withHeader("Authorization", equalTo("Bearer " + CATALOG.serviceToken()))
                        .willReturn(aResponse().withStatus(200).withBody("internal mug")));
        CATALOG.server()
                .stubFor(get(urlEqualTo("/api/items/1")).willReturn(aResponse().withBody("mug")));

        assertThat(catalog.internalItem("1")).isEqualTo("internal mug");
        assertThat(catalog.item("1")).isEqualTo("mug");

        assertThat(CATALOG.server()
                        .findAll(getRequestedFor(urlEqualTo("/api/items/1")).withoutHeader("Authorization")))
                .hasSize(1);
    }

    @Test
    void givesUpOnASlowAnswerAfterTheGroupsReadTimeout() {
        CATALOG.server()
                .stubFor(get(urlEqualTo("/api/items/slow"))
                        .willReturn(aResponse().withBody("late").withFixedDelay(5_000)));

        long started = System.nanoTime();
        assertThatThrownBy(() -> catalog.item("slow")).isInstanceOf(ResourceAccessException.class);

        // Three attempts of 500 ms each and two pauses, far below the 5 s the answer would take.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void configuresBreakersFromResilience4jProperties() {
        CircuitBreaker breaker = CircuitBreakers.breaker(breakers, "catalog");

        for (int i = 0; i < 2; i++) {
            breaker.onError(0, java.util.concurrent.TimeUnit.MILLISECONDS, new IllegalStateException("down"));
        }

        assertThat(breaker.getCircuitBreakerConfig().getSlidingWindowSize()).isEqualTo(4);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.getCircuitBreakerConfig()
                        .getRecordExceptionPredicate()
                        .test(new RuntimeException()))
                .as("only the configured exceptions count")
                .isFalse();
    }

    /** The callee's API as the test caller sees it. */
    interface Catalog {

        @GetExchange("/api/items/{id}")
        String item(@PathVariable String id);

        @PostExchange("/api/items/{id}")
        String create(@PathVariable String id, @RequestBody String body);

        @PutExchange("/api/items/{id}")
        String replace(@PathVariable String id, @RequestBody String body);

        @GetExchange("/internal/items/{id}")
        String internalItem(@PathVariable String id);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration(
            excludeName = {
                "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration"
            })
    @ImportHttpServices(group = "catalog", types = Catalog.class)
    static class App {}
}
