package com.northwind.shop.orders.order;

import static com.northwind.shop.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.northwind.shop.orders.OrdersApi;
import com.northwind.shop.platform.test.RealInfrastructure;
import com.northwind.shop.platform.test.TestHttp;
import com.northwind.shop.platform.test.TestTokens;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class InternalOrderApiTests {

    private final UUID customer = UUID.randomUUID();

    @LocalServerPort
    int port;

    TestHttp http;

    OrdersApi api;

    @BeforeEach
    void connect() {
        http = TestHttp.localhost(port);
        api = new OrdersApi(http);
    }

    @Test
    void answersAServiceWithTheOrdersStatusTotalAndDeadline() {
        UUID order = api.placedOrder(customer, 2);

        TestHttp.Response response = http.send("GET", "/internal/orders/" + order, null, service());

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("orderId").asString()).isEqualTo(order.toString());
        assertThat(body.path("userId").asString()).isEqualTo(customer.toString());
        assertThat(body.path("status").asString()).isEqualTo("AWAITING_PAYMENT");
        assertThat(body.path("total").path("amount").asLong()).isEqualTo(2 * 1999);
        assertThat(body.path("total").path("currency").asString()).isEqualTo("USD");
        assertThat(Instant.parse(body.path("expiresAt").asString())).isAfter(Instant.now());
    }

    @Test
    void answersAnUnknownOrderWithNotFound() {
        assertProblem(http.send("GET", "/internal/orders/" + UUID.randomUUID(), null, service()), 404);
    }

    @Test
    void requiresAServiceToken() {
        UUID order = api.placedOrder(customer, 2);

        assertProblem(http.send("GET", "/internal/orders/" + order, null, Map.of()), 401);
        assertProblem(
                http.send(
                        "GET",
                        "/internal/orders/" + order,
                        null,
                        Map.of("Authorization", "Bearer " + TestTokens.get().accessToken(customer, "CUSTOMER"))),
                403);
        assertProblem(
                http.send(
                        "GET",
                        "/internal/orders/" + order,
                        null,
                        Map.of("Authorization", "Bearer " + TestTokens.get().accessToken(customer, "ADMIN"))),
                403);
        // Orders are read by payment-service alone, with a token issued for calls to order-service.
        assertProblem(
                http.send(
                        "GET",
                        "/internal/orders/" + order,
                        null,
                        Map.of(
                                "Authorization",
                                "Bearer " + TestTokens.get().serviceToken("order-service", "order-service"))),
                403);
        assertProblem(
                http.send(
                        "GET",
                        "/internal/orders/" + order,
                        null,
                        Map.of(
                                "Authorization",
                                "Bearer " + TestTokens.get().serviceToken("payment-service", "product-service"))),
                401);
    }

    private static Map<String, String> service() {
        return Map.of("Authorization", "Bearer " + TestTokens.get().serviceToken("payment-service", "order-service"));
    }
}
