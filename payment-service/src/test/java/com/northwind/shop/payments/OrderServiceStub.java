package com.northwind.shop.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.northwind.shop.platform.test.TestTokens;
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

    private final WireMockServer server;

    /** The service token the stand-in token endpoint issues to payment-service; a real one, signed by the test JWKS. */
    private final String serviceToken = TestTokens.get().serviceToken("payment-service", "order-service");

    private OrderServiceStub() {
        server = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .containerThreads(20));
        server.start();
        server.stubFor(post(urlEqualTo("/api/auth/token"))
                .withRequestBody(matchingJsonPath("$.clientId", equalTo("payment-service")))
                .withRequestBody(matchingJsonPath("$.clientSecret", equalTo("test-secret")))
                // A token is issued per callee: the client must ask for one for order-service.
                .withRequestBody(matchingJsonPath("$.audience", equalTo("order-service")))
                .willReturn(json(
                        200, "{\"accessToken\":\"" + serviceToken + "\",\"tokenType\":\"Bearer\",\"expiresIn\":300}")));
    }

    public static OrderServiceStub get() {
        return SHARED;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
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
        server.stubFor(
                WireMock.get(urlEqualTo("/internal/orders/" + orderId))
                        .willReturn(
                                aResponse()
                                        .withStatus(404)
                                        .withHeader("Content-Type", "application/problem+json")
                                        .withBody(
                                                "{\"type\":\"urn:northwind:problem:not-found\",\"status\":404,\"detail\":\"No order\"}")));
    }

    /** How many look-ups of this order came. */
    public int lookUpsOf(UUID orderId) {
        return server.findAll(getRequestedFor(urlEqualTo("/internal/orders/" + orderId)))
                .size();
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    /** Points the application at the stand-in; registered for every test context in META-INF/spring.factories. */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            OrderServiceStub stub = get();
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "order-service-stub",
                            Map.of(
                                    // Reached through the load balancer, as in production: the client's base URL
                                    // stays the service id http://order-service.
                                    "spring.cloud.discovery.client.simple.instances.order-service[0].uri",
                                    stub.baseUrl(),
                                    "northwind.security.service-client.client-secret",
                                    "test-secret",
                                    "northwind.security.service-client.token-uri",
                                    stub.baseUrl() + "/api/auth/token",
                                    // Tests run the resolver and the purge themselves.
                                    "northwind.payments.resolver-interval",
                                    "PT1H",
                                    "northwind.payments.resolve-after",
                                    "PT1S",
                                    // Generous: the build machine is shared and slow; the lost-answer card
                                    // is withheld far longer than this.
                                    "northwind.payments.processor.timeout",
                                    "5s",
                                    "spring.http.serviceclient.order-service.read-timeout",
                                    "15s",
                                    "northwind.security.service-client.read-timeout",
                                    "15s",
                                    // The test PostgreSQL is shared: hold few idle connections.
                                    "spring.datasource.hikari.minimum-idle",
                                    "2",
                                    "northwind.payments.processor.lost-answer-delay",
                                    "20s")));
        }
    }
}
