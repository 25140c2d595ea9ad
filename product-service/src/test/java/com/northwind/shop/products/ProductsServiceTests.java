package com.northwind.shop.products;

import static org.assertj.core.api.Assertions.assertThat;

import com.northwind.shop.platform.test.ApiDocuments;
import com.northwind.shop.platform.test.ServiceConventionsTests;
import com.northwind.shop.products.testing.ProductsServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

@ProductsServiceTest
class ProductsServiceTests extends ServiceConventionsTests {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void migratesItsOwnSchema() {
        Integer applied =
                jdbc.queryForObject("SELECT count(*) FROM catalog.flyway_schema_history WHERE success", Integer.class);
        assertThat(applied).isPositive();
        assertThat(jdbc.queryForObject("SELECT current_schema()", String.class)).isEqualTo("catalog");
    }

    @Test
    void describesThePublicCatalogInOpenApi() {
        var api = http.get("/v3/api-docs");
        assertThat(api.status()).isEqualTo(200);
        assertThat(api.json().path("paths").has("/api/products")).isTrue();
        assertThat(api.json().path("paths").has("/api/products/{id}")).isTrue();
        assertThat(api.json().path("paths").has("/api/categories")).isTrue();
        assertThat(api.json().path("paths").has("/internal/reservations")).isFalse();
        assertThat(api.json().path("components").path("schemas").has("ProductResponse"))
                .isTrue();
    }

    /** api/products.json is what this code serves, so an API change shows up in review (api/update.sh refreshes it). */
    @Test
    void servesTheCommittedApiDocument() {
        ApiDocuments.assertServedDocumentIsCommitted(http, "products");
    }
}
