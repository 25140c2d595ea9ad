package com.northwind.shop.products.stock;

import static com.northwind.shop.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.northwind.shop.platform.test.TestHttp;
import com.northwind.shop.products.testing.Fixtures;
import com.northwind.shop.products.testing.ProductsServiceTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** The admin's stock adjustments: {@code POST /api/products/{id}/stock-adjustments}. */
@ProductsServiceTest
class StockAdjustmentTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    TestHttp http;
    UUID categoryId;

    @BeforeEach
    void setUp() {
        http = TestHttp.localhost(port);
        categoryId = Fixtures.category(jdbc, Fixtures.unique("adj"));
    }

    @Test
    void adjustsStockButNeverBelowZero() {
        String id = product("Pen", 5);
        assertThat(http.get("/api/products/" + id)
                        .json()
                        .path("availableQuantity")
                        .asInt())
                .isEqualTo(5); // now cached

        TestHttp.Response added = adjust(id, "{\"delta\": 10, \"reason\": \"delivery\"}");
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        assertThat(added.json().path("availableQuantity").asInt()).isEqualTo(15);

        assertProblem(adjust(id, "{\"delta\": -16}"), 409);
        assertProblem(adjust(id, "{\"delta\": 0}"), 400);
        JsonNode unknown = assertProblem(adjust(UUID.randomUUID().toString(), "{\"delta\": 1}"), 404);
        assertThat(unknown.path("type").asString()).isEqualTo("urn:northwind:problem:product-not-found");
        // The cached representation was evicted after the delivery's commit.
        assertThat(http.get("/api/products/" + id)
                        .json()
                        .path("availableQuantity")
                        .asInt())
                .isEqualTo(15);
    }

    @Test
    void neverWritesOffReservedUnits() {
        String id = product("Notebook", 5);
        TestHttp.Response reserved = Fixtures.reserve(http, id, 3);
        assertThat(reserved.status()).as(reserved.body()).isEqualTo(201);

        JsonNode refused = assertProblem(adjust(id, "{\"delta\": -3, \"reason\": \"write-off\"}"), 409);
        assertThat(refused.path("type").asString()).isEqualTo("urn:northwind:problem:insufficient-stock");
        assertThat(refused.path("detail").asString())
                .isEqualTo("Product " + id + " has fewer than 3 unreserved units on the shelf to remove.");
        assertThat(refused.has("lines"))
                .as("only a reservation lists its shortages")
                .isFalse();
        assertThat(quantities(id)).containsExactly(5, 2);

        TestHttp.Response writtenOff = adjust(id, "{\"delta\": -2, \"reason\": \"write-off\"}");
        assertThat(writtenOff.status()).as(writtenOff.body()).isEqualTo(200);
        assertThat(writtenOff.json().path("availableQuantity").asInt()).isZero();
        assertThat(quantities(id)).containsExactly(3, 0);
    }

    private TestHttp.Response adjust(String productId, String body) {
        return http.send("POST", "/api/products/" + productId + "/stock-adjustments", body, Fixtures.admin());
    }

    private String product(String name, int quantity) {
        TestHttp.Response created = http.send(
                "POST",
                "/api/products",
                Fixtures.newProduct(Fixtures.unique("s"), name, categoryId, 150, quantity),
                Fixtures.admin());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    /** On the shelf, and of those not reserved. */
    private Integer[] quantities(String productId) {
        return jdbc.queryForObject(
                "SELECT stock_quantity, available_quantity FROM products WHERE id = ?::uuid",
                (rs, n) -> new Integer[] {rs.getInt(1), rs.getInt(2)},
                productId);
    }
}
