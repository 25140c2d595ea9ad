package com.northwind.shop.products.seed;

import static org.assertj.core.api.Assertions.assertThat;

import com.northwind.shop.products.testing.ProductsServiceTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

@ProductsServiceTest
class DemoCatalogTests {

    @Autowired
    JdbcClient jdbcClient;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JsonMapper json;

    @Test
    void loadsHundredsOfProductsOnlyOnce() {
        DemoCatalog catalog = new DemoCatalog(jdbcClient, transactions, json);
        catalog.load();
        List<String> first = names();

        assertThat(catalog.load()).as("a second load inserts nothing").isZero();
        assertThat(first).hasSize(400).allSatisfy(name -> assertThat(name).isNotBlank());
        assertThat(jdbc.queryForObject(
                        "SELECT count(DISTINCT category_id) FROM products WHERE sku ~ '^[A-Z]{4}-[0-9]{4}$'",
                        Long.class))
                .isEqualTo(8);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM products WHERE sku ~ '^[A-Z]{4}-[0-9]{4}$' AND available_quantity = 0",
                        Long.class))
                .as("some products are sold out")
                .isPositive();
    }

    private List<String> names() {
        return jdbc.queryForList(
                "SELECT name FROM products WHERE sku ~ '^[A-Z]{4}-[0-9]{4}$' ORDER BY sku", String.class);
    }
}
