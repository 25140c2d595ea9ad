package com.northwind.shop.gateway.test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The downstream services every gateway test context talks to, started once per JVM: real HTTP servers on loopback
 * ports, registered as the gateway's static instance lists. Registered for every test context of this module in
 * {@code META-INF/spring.factories}, so all {@code @SpringBootTest}s share one context.
 *
 * <ul>
 *   <li>user-service: one instance;
 *   <li>product-service: two live instances (round robin);
 *   <li>order-service: one live instance and one port nothing listens on, health checks off, so that every other
 *       call meets a refused connection (retries);
 *   <li>payment-service: two instances that tests stop and start (health checks, service down).
 * </ul>
 */
public final class Downstreams implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final FakeService USERS = FakeService.start("users-1");
    public static final FakeService PRODUCTS_1 = FakeService.start("products-1");
    public static final FakeService PRODUCTS_2 = FakeService.start("products-2");
    public static final FakeService ORDERS = FakeService.start("orders-1");
    public static final int ORDERS_DEAD_PORT = FakeService.deadPort();
    public static final FakeService PAYMENTS_1 = FakeService.start("payments-1");
    public static final FakeService PAYMENTS_2 = FakeService.start("payments-2");

    /** Allowed browser origin in tests. */
    public static final String ALLOWED_ORIGIN = "https://shop.example";

    public static List<FakeService> all() {
        return List.of(USERS, PRODUCTS_1, PRODUCTS_2, ORDERS, PAYMENTS_1, PAYMENTS_2);
    }

    public static Stream<FakeService.Received> everyRequest() {
        return all().stream().flatMap(s -> s.allRequests().stream());
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String instances = "spring.cloud.discovery.client.simple.instances.";
        Map<String, Object> properties = new HashMap<>();
        properties.put(instances + "user-service[0].uri", USERS.uri());
        properties.put(instances + "product-service[0].uri", PRODUCTS_1.uri());
        properties.put(instances + "product-service[1].uri", PRODUCTS_2.uri());
        properties.put(instances + "order-service[0].uri", ORDERS.uri());
        properties.put(instances + "order-service[1].uri", "http://127.0.0.1:" + ORDERS_DEAD_PORT);
        properties.put(instances + "payment-service[0].uri", PAYMENTS_1.uri());
        properties.put(instances + "payment-service[1].uri", PAYMENTS_2.uri());
        properties.put("spring.cloud.loadbalancer.health-check.interval", "3s");
        // An empty path turns health checks off for that service: its dead instance stays in rotation.
        properties.put("spring.cloud.loadbalancer.health-check.path.order-service", "");
        // Loopback is a trusted proxy here, so that tests can act as many clients through X-Forwarded-For.
        properties.put("northwind.gateway.trusted-proxies", "127.0.0.1/32,::1/128");
        properties.put("northwind.gateway.cors.allowed-origins", ALLOWED_ORIGIN);
        properties.put("northwind.gateway.rate-limit.api.replenish-rate", "200");
        properties.put("northwind.gateway.rate-limit.api.burst-capacity", "400");
        properties.put("northwind.gateway.rate-limit.auth.replenish-rate", "1");
        properties.put("northwind.gateway.rate-limit.auth.burst-capacity", "3");
        properties.put("northwind.gateway.timeouts.payment-service.response", "3s");
        // Failures provoked on purpose must not open a circuit for the tests that follow.
        properties.put("northwind.gateway.circuit-breaker.minimum-number-of-calls", "1000");
        properties.put("northwind.gateway.circuit-breaker.sliding-window-size", "1000");
        // Below a context's own command-line arguments (a test starting gateways of its own sets them), above
        // everything else.
        var sources = context.getEnvironment().getPropertySources();
        MapPropertySource downstreams = new MapPropertySource("gateway-test-downstreams", properties);
        if (sources.contains("commandLineArgs")) {
            sources.addAfter("commandLineArgs", downstreams);
        } else {
            sources.addFirst(downstreams);
        }
    }
}
