package com.northwind.shop.gateway.routing;

import static com.northwind.shop.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.northwind.shop.gateway.GatewayHttpTests;
import com.northwind.shop.gateway.test.Downstreams;
import com.northwind.shop.gateway.test.FakeService;
import com.northwind.shop.platform.test.TestHttp;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingTests extends GatewayHttpTests {

    @Test
    void routesEveryPublicPathToItsService() {
        Map<String, FakeService> expected = Map.of(
                "/api/auth/login", Downstreams.USERS,
                "/api/users/me", Downstreams.USERS,
                "/.well-known/jwks.json", Downstreams.USERS,
                "/api/cart", Downstreams.ORDERS,
                "/api/orders/42", Downstreams.ORDERS,
                "/api/admin/orders", Downstreams.ORDERS);
        expected.forEach((path, service) -> {
            service.clear();
            TestHttp.Response response = getSignedIn(path);
            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(service.requests()).as(path).anyMatch(r -> r.path().equals(path));
        });
        for (String path : List.of("/api/products", "/api/products/7", "/api/categories")) {
            TestHttp.Response response = http.get(path);
            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.json().path("instance").asString()).startsWith("products-");
        }
        assertThat(getSignedIn("/api/payments?orderId=1")
                        .json()
                        .path("instance")
                        .asString())
                .startsWith("payments-");
    }

    @Test
    void balancesRoundRobinAcrossLiveInstances() {
        // Once both instances passed their first health check...
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Downstreams.PRODUCTS_1.clear();
            Downstreams.PRODUCTS_2.clear();
            http.get("/api/products");
            http.get("/api/products");
            assertThat(Downstreams.PRODUCTS_1.requests()).hasSize(1);
            assertThat(Downstreams.PRODUCTS_2.requests()).hasSize(1);
        });
        // ...requests alternate between them.
        Downstreams.PRODUCTS_1.clear();
        Downstreams.PRODUCTS_2.clear();
        for (int i = 0; i < 10; i++) {
            assertThat(http.get("/api/products?page=" + i).status()).isEqualTo(200);
        }
        int first = Downstreams.PRODUCTS_1.requests().size();
        int second = Downstreams.PRODUCTS_2.requests().size();
        assertThat(first + second).isEqualTo(10);
        // Strictly 5:5 unless a health check re-emitted the instance list mid-loop (a slow check on a loaded machine
        // drops an instance for one round): then one more or two more go to the other.
        assertThat(Math.min(first, second)).as("%d vs %d", first, second).isGreaterThanOrEqualTo(3);
    }

    @Test
    void retriesIdempotentRequestsOnAnotherInstanceButNeverOthers() {
        // order-service: one live instance and one refusing connections, both in rotation (no health checks).
        Downstreams.ORDERS.clear();
        for (int i = 0; i < 6; i++) {
            assertThat(getSignedIn("/api/orders").status()).isEqualTo(200);
        }
        int created = 0;
        int unavailable = 0;
        for (int i = 0; i < 6; i++) {
            TestHttp.Response response = http.send("POST", "/api/orders", "{}", signedInJson());
            if (response.status() == 201) {
                created++;
            } else {
                assertProblem(response, 503);
                assertThat(response.json().path("instance").asString()).isEqualTo("/api/orders");
                unavailable++;
            }
        }
        assertThat(unavailable)
                .as("POSTs that met the dead instance are not retried")
                .isPositive();
        long postsReceived = Downstreams.ORDERS.requests().stream()
                .filter(r -> r.method().equals("POST"))
                .count();
        assertThat(postsReceived).isEqualTo(created);
    }

    @Test
    void neverRoutesInternalOrActuatorPathsOfServices() {
        List<String> paths = List.of(
                "/internal/reservations",
                "/api/products/internal/reservations",
                "/api/products/../../internal/reservations",
                "/api/products/%2e%2e/%2e%2e/internal/reservations",
                "/api/products/..;/..;/internal/reservations",
                "/api/products%2F..%2F..%2Finternal%2Freservations",
                "/api/products/actuator/env",
                "/api/actuator/health",
                "/actuator/env");
        for (String path : paths) {
            assertProblem(http.send("POST", path, "{}", Map.of("Content-Type", "application/json")), 404);
            assertProblem(http.get(path), 404);
        }
        assertThat(Downstreams.everyRequest())
                .noneMatch(r -> r.path().contains("internal"))
                .allMatch(r -> !r.path().contains("actuator") || r.path().equals(FakeService.READINESS));
    }

    @Test
    void neverRoutesTheServiceClientTokenEndpoint() {
        List<String> paths = List.of(
                "/api/auth/token", "/api/auth/token/", "/API/auth/TOKEN", "/api/auth//token", "/api/auth/token?x=1");
        String credentials = "{\"clientId\":\"order-service\",\"clientSecret\":\"guess\",\"audience\":\"x\"}";
        for (String path : paths) {
            assertProblem(http.send("POST", path, credentials, Map.of("Content-Type", "application/json")), 404);
        }
        assertThat(Downstreams.everyRequest())
                .noneMatch(r -> r.path().toLowerCase(java.util.Locale.ROOT).contains("token"));
    }

    @Test
    void keepsTheGatewaysOwnActuator() {
        assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);
    }

    @Test
    void servesEachServicesOpenApiDocumentAndOneSwaggerUi() {
        TestHttp.Response docs = http.get("/v3/api-docs/products");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("info").path("title").asString()).startsWith("products-");
        assertThat(http.get("/v3/api-docs/users")
                        .json()
                        .path("info")
                        .path("title")
                        .asString())
                .isEqualTo("users-1");
        assertThat(Downstreams.USERS.requests()).anyMatch(r -> r.path().equals("/v3/api-docs"));
        TestHttp.Response config = http.get("/v3/api-docs/gateway/swagger-config");
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.body())
                .contains(
                        "/v3/api-docs/users", "/v3/api-docs/products", "/v3/api-docs/orders", "/v3/api-docs/payments");
        TestHttp.Response entry = http.get("/swagger-ui.html");
        assertThat(entry.status()).isEqualTo(302);
        String location = entry.header("Location");
        assertThat(location).isNotNull();
        TestHttp.Response ui = http.get(URI.create(location).getRawPath());
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
    }
}
