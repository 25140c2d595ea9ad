package com.northwind.shop.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.northwind.shop.platform.test.ServiceStub.json;
import static com.northwind.shop.platform.test.ServiceStub.problem;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.northwind.shop.platform.test.ServiceStub;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * order-service and user-service's token endpoint, stood in for by a real HTTP server (WireMock) on a random
 * loopback port, shared by every test of the JVM.
 */
public final class OrderServiceStub {

    private static final OrderServiceStub SHARED = new OrderServiceStub();

    private final ServiceStub stub = new ServiceStub("payment-service", "order-service");

    private final WireMockServer server = stub.server();

    /** The service token the stand-in token endpoint issues to payment-service; a real one, signed by the test JWKS. */
    private final String serviceToken = stub.serviceToken();

    private OrderServiceStub() {}

    public static OrderServiceStub get() {
        return SHARED;
    }

    public String baseUrl() {
        return stub.baseUrl();
    }

    /** An order as {@code GET /internal/orders/{id}} answers it, only to payment-service's service token. */
    public void order(UUID orderId, UUID userId, String status, long amount) {
        server.stubFor(WireMock.get(urlEqualTo("/internal/orders/" + orderId))
                .withHeader("Authorization", equalTo("Bearer " + serviceToken))
                .willReturn(json(200, """
                        {"orderId":"%s","userId":"%s","status":"%s","total":{"amount":%d,"currency":"EUR"},
                         "expiresAt":"2999-01-01T00:00:00Z","items":[]}
                        """.formatted(orderId, userId, status, amount))));
    }

    public void unknownOrder(UUID orderId) {
        server.stubFor(WireMock.get(urlEqualTo("/internal/orders/" + orderId))
                .willReturn(problem(404, "not-found", "No order")));
    }

    /** How many look-ups of this order came. */
    public int lookUpsOf(UUID orderId) {
        return server.findAll(getRequestedFor(urlEqualTo("/internal/orders/" + orderId)))
                .size();
    }

    private static Map<String, Object> properties(OrderServiceStub stub) {
        Map<String, Object> properties = new HashMap<>(stub.stub.properties());
        // Tests run the resolver and the purge themselves.
        properties.put("northwind.payments.resolver-interval", "PT1H");
        properties.put("northwind.payments.resolve-after", "PT1S");
        // Generous: the build machine is shared and slow; the lost-answer card is withheld far longer than this.
        properties.put("northwind.payments.processor.timeout", "5s");
        properties.put("spring.http.serviceclient.order-service.read-timeout", "15s");
        properties.put("northwind.security.service-client.read-timeout", "15s");
        // The test PostgreSQL is shared: hold few idle connections.
        properties.put("spring.datasource.hikari.minimum-idle", "2");
        properties.put("northwind.payments.processor.lost-answer-delay", "20s");
        return properties;
    }

    /** Points the application at the stand-in; registered for every test context in META-INF/spring.factories. */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            OrderServiceStub stub = get();
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource("order-service-stub", properties(stub)));
        }
    }
}
