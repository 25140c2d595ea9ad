package com.northwind.shop.products.catalog;

import static com.northwind.shop.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.northwind.shop.platform.test.TestHttp;
import com.northwind.shop.platform.test.TestTokens;
import com.northwind.shop.products.testing.Fixtures;
import com.northwind.shop.products.testing.ProductsServiceTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Who may do what: the catalog reads are public, writes need ADMIN, reservations need a service token. */
@ProductsServiceTest
class CatalogSecurityTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    TestHttp http;
    UUID categoryId;
    String productId;

    @BeforeEach
    void setUp() {
        http = TestHttp.localhost(port);
        categoryId = Fixtures.category(jdbc, Fixtures.unique("sec"));
        productId = http.send(
                        "POST",
                        "/api/products",
                        Fixtures.newProduct(Fixtures.unique("s"), "Guarded", categoryId, 100, 5),
                        Fixtures.admin())
                .json()
                .path("id")
                .asString();
    }

    @Test
    void readsTheCatalogWithoutAToken() {
        assertThat(http.get("/api/products").status()).isEqualTo(200);
        assertThat(http.get("/api/products/" + productId).status()).isEqualTo(200);
        assertThat(http.get("/api/categories").status()).isEqualTo(200);
    }

    @Test
    void refusesAdminWritesWithoutATokenOrToACustomer() {
        String create = Fixtures.newProduct(Fixtures.unique("n"), "Sneaky", categoryId, 1, 1);
        Map<String, String> anonymous = Map.of("Content-Type", "application/json");
        Map<String, String> customer = Map.of(
                "Content-Type",
                "application/json",
                "Authorization",
                "Bearer " + TestTokens.get().accessToken(UUID.randomUUID(), "CUSTOMER"));
        Map<String, String> service = Map.of(
                "Content-Type",
                "application/json",
                "Authorization",
                "Bearer " + TestTokens.get().serviceToken("order-service", "product-service"));

        assertProblem(http.send("POST", "/api/products", create, anonymous), 401);
        assertProblem(http.send("POST", "/api/products", create, customer), 403);
        assertProblem(http.send("POST", "/api/products", create, service), 403);
        assertProblem(
                http.send("PATCH", "/api/products/" + productId, "{\"name\": \"x\", \"version\": 0}", customer), 403);
        assertProblem(http.send("POST", "/api/products/" + productId + "/deactivate", null, customer), 403);
        assertProblem(
                http.send("POST", "/api/products/" + productId + "/stock-adjustments", "{\"delta\": 5}", customer),
                403);
        assertProblem(
                http.send("PATCH", "/api/products/" + productId, "{\"name\": \"x\", \"version\": 0}", anonymous), 401);

        TestHttp.Response product = http.get("/api/products/" + productId);
        assertThat(product.json().path("name").asString()).isEqualTo("Guarded");
        assertThat(product.json().path("availableQuantity").asInt()).isEqualTo(5);
        assertThat(product.json().path("active").asBoolean()).isTrue();
    }

    @Test
    void refusesReservationsWithoutAServiceToken() {
        String reserve = "{\"orderId\": \"%s\", \"lines\": [{\"productId\": \"%s\", \"quantity\": 1}]}"
                .formatted(UUID.randomUUID(), productId);
        Map<String, String> anonymous = Map.of("Content-Type", "application/json");
        Map<String, String> admin = Map.of(
                "Content-Type",
                "application/json",
                "Authorization",
                "Bearer " + TestTokens.get().accessToken(UUID.randomUUID(), "ADMIN"));

        assertProblem(http.send("POST", "/internal/reservations", reserve, anonymous), 401);
        assertProblem(http.send("POST", "/internal/reservations", reserve, admin), 403);
        assertProblem(http.send("POST", "/internal/reservations/" + UUID.randomUUID() + "/release", null, admin), 403);
        // Reservations serve order-service alone; a token issued for calls to another service is no token here.
        assertProblem(
                http.send("POST", "/internal/reservations", reserve, service("payment-service", "product-service")),
                403);
        assertProblem(
                http.send(
                        "GET",
                        "/internal/reservations/" + UUID.randomUUID(),
                        null,
                        service("payment-service", "product-service")),
                403);
        assertProblem(
                http.send("POST", "/internal/reservations", reserve, service("order-service", "order-service")), 401);
        assertProblem(
                http.send("GET", "/internal/events/dead-letters", null, service("order-service", "product-service")),
                403);
        String ids = "/internal/products?ids=" + productId;
        assertProblem(http.send("GET", ids, null, Map.of()), 401);
        assertProblem(http.send("GET", ids, null, admin), 403);
        assertProblem(http.send("GET", ids, null, service("payment-service", "product-service")), 403);
        assertThat(http.send("GET", ids, null, service("order-service", "product-service"))
                        .status())
                .isEqualTo(200);
        assertThat(http.get("/api/products/" + productId)
                        .json()
                        .path("availableQuantity")
                        .asInt())
                .isEqualTo(5);
    }

    private static Map<String, String> service(String client, String audience) {
        return Map.of(
                "Content-Type",
                "application/json",
                "Authorization",
                "Bearer " + TestTokens.get().serviceToken(client, audience));
    }

    @Test
    void leavesNoGetEndpointOpenBeyondTheCatalog() {
        List<String> gets = handlers.getHandlerMethods().keySet().stream()
                .filter(info -> info.getMethodsCondition().getMethods().contains(RequestMethod.GET))
                .flatMap(info -> info.getPatternValues().stream())
                .filter(path -> !path.startsWith("/internal/"))
                .toList();
        assertThat(gets)
                .as("every GET outside /internal/** is public (SecurityConfiguration): only catalog reads may be GETs")
                .allMatch(path -> path.equals("/api/products")
                        || path.equals("/api/products/{id}")
                        || path.equals("/api/categories")
                        || path.startsWith("/v3/api-docs")
                        || path.startsWith("/swagger-ui")
                        || path.equals("${server.error.path:${error.path:/error}}")
                        || path.equals("/error"));
        assertProblem(http.send("GET", "/internal/reservations/" + UUID.randomUUID(), null, Map.of()), 401);
    }
}
