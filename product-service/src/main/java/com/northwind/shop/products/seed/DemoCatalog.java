package com.northwind.shop.products.seed;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import net.datafaker.Faker;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * A realistic demo catalog: eight categories of fifty products each, generated from a fixed seed so that every run
 * (and every instance) produces exactly the same rows. Ids derive from slugs and SKUs, and inserts skip rows that
 * exist, so loading it again, or from several instances at once, changes nothing.
 */
public final class DemoCatalog {

    /** The seed of the generator: change it and every demo id changes. */
    static final long SEED = 20_260_101L;

    static final int PRODUCTS_PER_CATEGORY = 50;

    static final List<Category> CATEGORIES = List.of(
            new Category("electronics", "Electronics", "ELEC"),
            new Category("books", "Books", "BOOK"),
            new Category("home-kitchen", "Home & Kitchen", "HOME"),
            new Category("garden", "Garden & Outdoors", "GARD"),
            new Category("sports", "Sports", "SPRT"),
            new Category("toys-games", "Toys & Games", "TOYS"),
            new Category("clothing", "Clothing", "CLTH"),
            new Category("beauty", "Beauty & Care", "BEAU"));

    private static final List<String> COLORS =
            List.of("black", "white", "red", "blue", "green", "grey", "navy", "beige", "yellow", "orange");

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;

    public DemoCatalog(JdbcClient jdbc, TransactionTemplate transactions, JsonMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
    }

    /** Loads the catalog in one transaction; returns how many products were new. */
    public int load() {
        Integer inserted = transactions.execute(status -> insertAll());
        return inserted != null ? inserted : 0;
    }

    private int insertAll() {
        Faker faker = new Faker(Locale.US, new Random(SEED));
        int inserted = 0;
        for (Category category : CATEGORIES) {
            UUID categoryId = id("category:" + category.slug());
            jdbc.sql("INSERT INTO categories (id, slug, name) VALUES (:id, :slug, :name) ON CONFLICT DO NOTHING")
                    .param("id", categoryId)
                    .param("slug", category.slug())
                    .param("name", category.name())
                    .update();
            for (int n = 1; n <= PRODUCTS_PER_CATEGORY; n++) {
                String sku = "%s-%04d".formatted(category.skuPrefix(), n);
                String brand = faker.commerce().brand();
                String material = faker.commerce().material();
                String color = COLORS.get(faker.random().nextInt(COLORS.size()));
                String name = brand + " " + faker.commerce().productName();
                String description = "%s %s in %s, made of %s. %s"
                        .formatted(
                                name,
                                category.name().toLowerCase(Locale.ROOT),
                                color,
                                material.toLowerCase(Locale.ROOT),
                                faker.lorem().sentence(12));
                long price = 199
                        + faker.random().nextInt(0, 499) * 100L
                        + faker.random().nextInt(0, 1) * 99L;
                // About one product in twelve is sold out, so that the demo shows both states.
                int stock = faker.random().nextInt(12) == 0 ? 0 : faker.random().nextInt(1, 250);
                inserted += jdbc.sql("""
                                INSERT INTO products (id, sku, name, description, price_amount, currency, category_id,
                                                      image_urls, attributes, stock_quantity, available_quantity)
                                VALUES (:id, :sku, :name, :description, :price, 'USD', :categoryId,
                                        CAST(:imageUrls AS jsonb), CAST(:attributes AS jsonb), :stock, :stock)
                                ON CONFLICT DO NOTHING
                                """)
                        .param("id", id("product:" + sku))
                        .param("sku", sku)
                        .param("name", name.length() > 200 ? name.substring(0, 200) : name)
                        .param("description", description)
                        .param("price", price)
                        .param("categoryId", categoryId)
                        .param(
                                "imageUrls",
                                json.writeValueAsString(List.of(
                                        "https://images.northwind.example/products/" + sku.toLowerCase(Locale.ROOT)
                                                + "-1.jpg",
                                        "https://images.northwind.example/products/" + sku.toLowerCase(Locale.ROOT)
                                                + "-2.jpg")))
                        .param(
                                "attributes",
                                json.writeValueAsString(
                                        java.util.Map.of("brand", brand, "material", material, "color", color)))
                        .param("stock", stock)
                        .update();
            }
        }
        return inserted;
    }

    private static UUID id(String name) {
        return UUID.nameUUIDFromBytes(("northwind-demo:" + name).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A demo category.
     *
     * @param slug its slug
     * @param name its display name
     * @param skuPrefix the first group of its products' SKUs
     */
    record Category(String slug, String name, String skuPrefix) {}
}
