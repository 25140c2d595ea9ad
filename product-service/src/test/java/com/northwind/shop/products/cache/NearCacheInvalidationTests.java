package com.northwind.shop.products.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.northwind.shop.platform.RedisKeyProperties;
import com.northwind.shop.platform.test.TestHttp;
import com.northwind.shop.products.config.ProductsProperties;
import com.northwind.shop.products.testing.Fixtures;
import com.northwind.shop.products.testing.ProductsServiceTest;
import com.northwind.shop.products.testing.StatementCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The in-memory near cache in front of Redis. The test context keeps near entries for minutes, so only an eviction
 * (never expiry) can make a read see a change.
 */
@ProductsServiceTest
class NearCacheInvalidationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    StatementCounter statements;

    @Autowired
    MeterRegistry meters;

    @Autowired
    RedisTemplate<String, Representation> representations;

    @Autowired
    StringRedisTemplate strings;

    @Autowired
    ProductsProperties properties;

    @Autowired
    RepresentationCache cache;

    @Autowired
    RedisKeyProperties keys;

    TestHttp http;
    UUID categoryId;

    @BeforeEach
    void setUp() {
        http = TestHttp.localhost(port);
        categoryId = Fixtures.category(jdbc, Fixtures.unique("near"));
        // The subscription to evictions is made in the background; until it stands, memory is not used.
        await().atMost(Duration.ofMinutes(2)).until(cache::nearInUse);
    }

    @Test
    void answersARepeatedReadFromMemoryWithoutRedis() {
        String id = create("Near kettle");
        TestHttp.Response first = http.get("/api/products/" + id);
        double nearHits = nearHits();
        long before = statements.count();

        TestHttp.Response second = http.get("/api/products/" + id);

        assertThat(nearHits()).isGreaterThan(nearHits);
        assertThat(statements.count() - before).isZero();
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.header("ETag")).isEqualTo(first.header("ETag"));
    }

    @Test
    void dropsAProductThatAnotherInstanceEvicted() {
        String id = create("Kettle before");
        http.get("/api/products/" + id);
        assertThat(http.get("/api/products/" + id).json().path("name").asString())
                .isEqualTo("Kettle before");
        assertThat(several(id).path("name").asString()).isEqualTo("Kettle before"); // the cart's read, from memory

        // Another instance changes the product and evicts it, as its CacheEviction does after the commit.
        jdbc.update(
                "UPDATE products SET name = 'Kettle after', version = version + 1 WHERE id = ?", UUID.fromString(id));
        otherInstance().evict(List.of(UUID.fromString(id)));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(http.get("/api/products/" + id)
                                .json()
                                .path("name")
                                .asString())
                        .isEqualTo("Kettle after"));
        assertThat(several(id).path("name").asString()).isEqualTo("Kettle after");
    }

    /** The product as order-service's batch read ({@code GET /internal/products}) answers it. */
    private JsonNode several(String id) {
        return http.send("GET", "/internal/products?ids=" + id, null, Fixtures.service())
                .json()
                .get(0);
    }

    /** A second instance's cache: same Redis and settings, its own memory. */
    private RepresentationCache otherInstance() {
        return new RepresentationCache(
                representations, strings, properties, keys, new SimpleMeterRegistry(), Clock.systemUTC());
    }

    private String create(String name) {
        TestHttp.Response created = http.send(
                "POST",
                "/api/products",
                Fixtures.newProduct(Fixtures.unique("n"), name, categoryId, 1500, 2),
                Fixtures.admin());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    private double nearHits() {
        return meters.get("northwind.cache.requests")
                .tag("cache", "product-near")
                .tag("result", "hit")
                .counter()
                .count();
    }
}
