package com.northwind.shop.products.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.northwind.shop.platform.test.TestHttp;
import com.northwind.shop.products.testing.Fixtures;
import com.northwind.shop.products.testing.ProductsServiceTest;
import com.northwind.shop.products.testing.StatementCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

@ProductsServiceTest
class CatalogCacheTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    StatementCounter statements;

    @Autowired
    MeterRegistry meters;

    @Autowired
    StringRedisTemplate redis;

    TestHttp http;
    String slug;
    UUID categoryId;

    @BeforeEach
    void setUp() {
        http = TestHttp.localhost(port);
        slug = Fixtures.unique("cache");
        categoryId = Fixtures.category(jdbc, slug);
    }

    @Test
    void servesTheSecondReadFromRedisWithoutSql() {
        String id = create("Cached kettle", 3);
        double hits = hits("product");

        TestHttp.Response first = http.get("/api/products/" + id);
        long before = statements.count();
        TestHttp.Response second = http.get("/api/products/" + id);

        assertThat(statements.count() - before)
                .as("SQL statements for a cached read")
                .isZero();
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(hits("product")).isGreaterThan(hits);
        assertThat(redis.keys(prefix() + "products:v1:product:" + id)).hasSize(1);
    }

    @Test
    void servesTheSecondListingPageFromRedisWithoutSql() {
        create("Listed kettle", 3);
        http.get("/api/products?category=" + slug);
        long before = statements.count();

        TestHttp.Response second = http.get("/api/products?category=" + slug);

        assertThat(statements.count() - before).isZero();
        assertThat(second.json().path("content").get(0).path("name").asString()).isEqualTo("Listed kettle");
    }

    @Test
    void showsAnUpdateOnTheVeryNextRead() {
        String id = create("Old name", 3);
        http.get("/api/products/" + id);
        http.get("/api/products/" + id);
        http.get("/api/products?category=" + slug);

        http.send("PATCH", "/api/products/" + id, "{\"name\": \"New name\", \"version\": 0}", Fixtures.admin());

        assertThat(http.get("/api/products/" + id).json().path("name").asString())
                .isEqualTo("New name");
        assertThat(http.get("/api/products?category=" + slug)
                        .json()
                        .path("content")
                        .get(0)
                        .path("name")
                        .asString())
                .isEqualTo("New name");
    }

    @Test
    void showsStockChangesOnTheVeryNextRead() {
        String id = create("Scarce kettle", 1);
        http.get("/api/products/" + id);
        http.get("/api/products?category=" + slug);

        TestHttp.Response reserved = Fixtures.reserve(http, id, 1);
        assertThat(reserved.status()).isEqualTo(201);

        assertThat(http.get("/api/products/" + id)
                        .json()
                        .path("availableQuantity")
                        .asInt())
                .isZero();
        assertThat(http.get("/api/products?category=" + slug)
                        .json()
                        .path("content")
                        .get(0)
                        .path("availableQuantity")
                        .asInt())
                .isZero();
    }

    @Test
    void readsSeveralProductsThroughTheCacheAndSeesAStockChangeOnTheVeryNextRead() {
        String viewed = create("Viewed kettle", 3);
        String unseen = create("Unseen kettle", 4);
        TestHttp.Response page = http.get("/api/products/" + viewed); // fills Redis (and memory)
        String batch = "/internal/products?ids=" + unseen + "&ids=" + viewed;

        long before = statements.count();
        TestHttp.Response first = http.send("GET", batch, null, Fixtures.service());
        assertThat(statements.count() - before)
                .as("one statement for the product no cache holds")
                .isEqualTo(1);
        assertThat(first.json().valueStream().map(product -> product.path("id").asString()))
                .containsExactly(unseen, viewed); // in the order asked
        assertThat(first.json().get(1)).isEqualTo(page.json()); // the very representation a public read sends

        before = statements.count();
        TestHttp.Response second = http.send("GET", batch, null, Fixtures.service());
        assertThat(statements.count() - before)
                .as("SQL statements for a cached batch")
                .isZero();
        assertThat(second.body()).isEqualTo(first.body());

        TestHttp.Response reserved = Fixtures.reserve(http, unseen, 1);
        assertThat(reserved.status()).isEqualTo(201);
        assertThat(http.send("GET", batch, null, Fixtures.service())
                        .json()
                        .get(0)
                        .path("availableQuantity")
                        .asInt())
                .isEqualTo(3);
    }

    @Test
    void loadsAKeyOnceForConcurrentMisses() throws Exception {
        String id = create("Popular kettle", 3);
        int readers = 20;
        CountDownLatch start = new CountDownLatch(1);
        long before = statements.count();
        List<Future<Integer>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(readers)) {
            for (int i = 0; i < readers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return http.get("/api/products/" + id).status();
                }));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(200);
            }
        }
        assertThat(statements.count() - before)
                .as("SQL statements for 20 concurrent first reads")
                .isEqualTo(1);
    }

    private String create(String name, int quantity) {
        TestHttp.Response created = http.send(
                "POST",
                "/api/products",
                Fixtures.newProduct(Fixtures.unique("k"), name, categoryId, 2500, quantity),
                Fixtures.admin());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    @Test
    void searchesThatDifferOnlyInCaseAndSpacingShareOneListingKey() {
        create("Spacing kettle", 3);
        http.get("/api/products?category=" + slug + "&q=spacing%20kettle");
        long before = statements.count();

        TestHttp.Response same = http.get("/api/products?category=" + slug + "&q=%20SPACING%20%20Kettle%20");

        assertThat(statements.count() - before).isZero();
        assertThat(same.json().path("content").get(0).path("name").asString()).isEqualTo("Spacing kettle");
    }

    @Test
    void deepPagesAndLongSearchesAreNotCached() {
        create("Deep kettle", 3);
        int keys = listingKeys();

        http.get("/api/products?category=" + slug + "&page=500");
        http.get("/api/products?category=" + slug + "&q=" + "kettle%20".repeat(12));
        http.get("/api/products?category=" + slug + "&page=500");

        assertThat(listingKeys()).isEqualTo(keys);
    }

    @Test
    void everyCacheEntryExpiresSoOnlyCacheEntriesAreEvictableUnderVolatileLru() {
        String id = create("Expiring kettle", 3);
        http.get("/api/products/" + id);
        http.get("/api/products?category=" + slug);
        http.send("PATCH", "/api/products/" + id, "{\"name\": \"Expired kettle\", \"version\": 0}", Fixtures.admin());

        // docs/architecture.md, Redis layout: maxmemory-policy volatile-lru evicts only keys with a TTL, so the
        // listing generation (a counter without one) and the event streams are never evicted.
        for (String key : redis.keys(prefix() + "products:v1:*")) {
            Long ttl = redis.getExpire(key);
            if (key.endsWith(":listing-generation")) {
                assertThat(ttl).as(key).isEqualTo(-1L);
            } else {
                assertThat(ttl).as(key).isPositive();
            }
        }
    }

    private int listingKeys() {
        return redis.keys(prefix() + "products:v1:listing:*").size();
    }

    private double hits(String cache) {
        return meters.get("northwind.cache.requests")
                .tag("cache", cache)
                .tag("result", "hit")
                .counter()
                .count();
    }

    private String prefix() {
        return com.northwind.shop.platform.test.TestInfrastructure.get().redis().keyPrefix();
    }
}
