package com.northwind.shop.products.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.northwind.shop.products.testing.Fixtures;
import com.northwind.shop.products.testing.ProductsServiceTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The listing's hot queries, exactly as {@link ProductQueries} builds them, are answered from an index. Sequential
 * scans are discouraged in the EXPLAIN session so that the planner's choice reflects the indexes available rather
 * than the size of a test table; a missing index still shows up as a sequential scan or a full sort.
 */
@ProductsServiceTest
class CatalogIndexTests {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void everyFilterAndSortOfTheListingUsesAnIndex() {
        String slug = Fixtures.unique("idx");
        UUID categoryId = Fixtures.category(jdbc, slug);
        String c = categoryId.toString();
        // Enough rows, in several categories, for the planner's costs to resemble a real catalog's.
        for (int i = 0; i < 49; i++) {
            Fixtures.category(jdbc, Fixtures.unique("idx" + i));
        }
        jdbc.update("""
                INSERT INTO products (id, sku, name, description, price_amount, currency, category_id,
                                      stock_quantity, available_quantity, active, created_at)
                SELECT gen_random_uuid(), 'IDX-' || upper(?) || '-' || n,
                       (ARRAY['Red', 'Blue', 'Green', 'Steel', 'Oak'])[1 + n % 5] || ' '
                           || (ARRAY['mug', 'lamp', 'chair', 'kettle', 'board', 'knife', 'plate'])[1 + n % 7] || ' ' || n,
                       'Item number ' || n, 100 + (n * 37) % 50000, 'USD',
                       (SELECT id FROM categories ORDER BY created_at DESC OFFSET n % 50 LIMIT 1),
                       10, 10, n % 10 <> 0, now() - n * interval '1 minute'
                FROM generate_series(1, 5000) AS n
                """, slug);
        jdbc.execute("ANALYZE products");
        Map<String, String> expectations = Map.ofEntries(
                Map.entry("sort=name,asc", "products_name_idx"),
                Map.entry("sort=name,desc", "products_name_idx"),
                Map.entry("sort=price,asc", "products_price_idx"),
                Map.entry("sort=price,desc", "products_price_idx"),
                Map.entry("sort=newest", "products_newest_idx"),
                Map.entry("category=" + c + "&sort=name,asc", "products_category_name_idx"),
                Map.entry("category=" + c + "&sort=price,asc", "products_category_price_idx"),
                Map.entry("category=" + c + "&sort=newest", "products_category_newest_idx"),
                Map.entry("category=" + slug + "&sort=price,desc", "products_category_price_idx"),
                Map.entry("q=red mug", "products_search_idx"),
                Map.entry("q=red mug&sort=price,asc", "Index Scan"),
                Map.entry("minPrice=100&maxPrice=500&sort=price,asc", "products_price_idx"));
        expectations.forEach((query, index) -> {
            ProductSearch.Normalized search = parse(query);
            ProductQueries.Listing listing = ProductQueries.listing(search);
            assertThat(plan(listing.contentSql(), listing.params()))
                    .as(query)
                    .contains(index)
                    .doesNotContain("Seq Scan on products");
            if (search.q() == null) {
                assertThat(plan(listing.contentSql(), listing.params()))
                        .as(query + ": the index delivers the order, no sort step")
                        .doesNotContain("Sort");
            }
        });
    }

    @Test
    void productByIdUsesThePrimaryKey() {
        assertThat(plan(
                        "SELECT * FROM products p JOIN categories c ON c.id = p.category_id WHERE p.id = :id",
                        Map.of("id", UUID.randomUUID())))
                .contains("products_pkey")
                .doesNotContain("Seq Scan");
    }

    @Test
    void theExpiryJobUsesItsPartialIndex() {
        assertThat(plan(
                        "SELECT order_id FROM reservations WHERE status = 'RESERVED' AND expires_at < now()"
                                + " ORDER BY expires_at LIMIT 100 FOR UPDATE SKIP LOCKED",
                        Map.of()))
                .contains("reservations_expiry_idx");
    }

    private String plan(String sql, Map<String, Object> params) {
        return transactions.execute(status -> {
            jdbc.execute("SET LOCAL enable_seqscan = off");
            List<String> lines =
                    new NamedParameterJdbcTemplate(jdbc).queryForList("EXPLAIN " + sql, params, String.class);
            return String.join("\n", lines);
        });
    }

    private static ProductSearch.Normalized parse(String query) {
        Map<String, String> p = new java.util.HashMap<>();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            p.put(kv[0], kv[1]);
        }
        return new ProductSearch(
                        p.get("q"),
                        p.get("category"),
                        p.containsKey("minPrice") ? Long.valueOf(p.get("minPrice")) : null,
                        p.containsKey("maxPrice") ? Long.valueOf(p.get("maxPrice")) : null,
                        p.get("sort"),
                        0,
                        20)
                .normalize();
    }
}
