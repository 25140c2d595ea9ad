package com.northwind.shop.products.testing;

import com.northwind.shop.platform.test.TestHttp;
import com.northwind.shop.platform.test.TestTokens;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.JdbcTemplate;

/** Test data: every test makes its own category and SKUs, so tests sharing one database never see each other. */
public final class Fixtures {

    private Fixtures() {}

    /** A fresh category; returns its id. */
    public static UUID category(JdbcTemplate jdbc, String slug) {
        UUID id = UUID.randomUUID();
        jdbc.update("INSERT INTO categories (id, slug, name) VALUES (?, ?, ?)", id, slug, "Category " + slug);
        return id;
    }

    /** A slug or SKU fragment no other test uses. */
    public static String unique(String prefix) {
        return prefix + "-"
                + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36)
                        .toLowerCase(Locale.ROOT);
    }

    /** The body of an admin's product creation. */
    public static String newProduct(String sku, String name, UUID categoryId, long price, int quantity) {
        return """
                {"sku": "%s", "name": "%s", "description": "A fine %s for every day.",
                 "price": {"amount": %d, "currency": "USD"}, "categoryId": "%s",
                 "imageUrls": ["https://img.example.com/%s.jpg"], "attributes": {"color": "red", "sizes": ["S", "M"]},
                 "availableQuantity": %d}
                """.formatted(sku.toUpperCase(Locale.ROOT), name, name, price, categoryId, sku, quantity);
    }

    /** Headers of an admin's JSON request, with a fresh access token. */
    public static Map<String, String> admin() {
        return Map.of(
                "Content-Type",
                "application/json",
                "Authorization",
                "Bearer " + TestTokens.get().accessToken(UUID.randomUUID(), "ADMIN"));
    }

    /** Headers of order-service's JSON request to an internal endpoint, with a fresh service token. */
    public static Map<String, String> service() {
        return Map.of(
                "Content-Type",
                "application/json",
                "Authorization",
                "Bearer " + TestTokens.get().serviceToken("order-service", "product-service"));
    }

    /** Reserves {@code quantity} units of one product for a new order, as order-service does; returns the answer. */
    public static TestHttp.Response reserve(TestHttp http, String productId, int quantity) {
        return http.send(
                "POST",
                "/internal/reservations",
                "{\"orderId\": \"%s\", \"lines\": [{\"productId\": \"%s\", \"quantity\": %d}]}"
                        .formatted(UUID.randomUUID(), productId, quantity),
                service());
    }
}
