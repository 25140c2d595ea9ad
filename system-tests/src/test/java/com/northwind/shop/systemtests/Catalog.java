package com.northwind.shop.systemtests;

import com.northwind.shop.localstack.LocalStack;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** The demo admin stocking the shop through the gateway, and what anyone can read of the catalog. */
final class Catalog {

    static final String CURRENCY = "EUR";

    private final Shop shop;
    private final Customer admin;

    Catalog(Shop shop) {
        this.shop = shop;
        this.admin = Customer.logIn(shop, LocalStack.DEMO_ADMIN_EMAIL, LocalStack.DEMO_ADMIN_PASSWORD);
    }

    Customer admin() {
        return admin;
    }

    /** Some category of the demo catalog. */
    UUID anyCategory() {
        var categories = shop.get("/api/categories")
                .sendRetryingUnavailable()
                .expect(200)
                .json();
        if (categories.isEmpty()) {
            throw new AssertionError("the demo catalog has no categories");
        }
        return UUID.fromString(categories.get(0).get("id").asString());
    }

    /** A new active product with a unique SKU and name (the name's words are searchable). */
    JsonNode newProduct(String name, long priceMinor, int units) {
        String sku = "SYS-" + UUID.randomUUID().toString().substring(0, 13).toUpperCase(Locale.ROOT);
        return admin.post("/api/products")
                .json(Map.of(
                        "sku",
                        sku,
                        "name",
                        name,
                        "description",
                        "Made by the system tests.",
                        "price",
                        Map.of("amount", priceMinor, "currency", CURRENCY),
                        "categoryId",
                        anyCategory(),
                        "availableQuantity",
                        units))
                .send()
                .expect(201)
                .json();
    }

    /** A word nobody else uses, to find exactly one's own products by full-text search. */
    static String uniqueWord() {
        var letters = new StringBuilder("zq");
        var random = UUID.randomUUID().toString().replace("-", "");
        for (char c : random.substring(0, 10).toCharArray()) {
            letters.append((char) ('a' + Character.digit(c, 16)));
        }
        return letters.toString();
    }

    JsonNode product(UUID id) {
        return shop.get("/api/products/" + id).send().expect(200).json();
    }
}
