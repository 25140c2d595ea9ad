package com.northwind.shop.products.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.northwind.shop.platform.test.RealInfrastructure;
import com.northwind.shop.platform.test.TestHttp;
import com.northwind.shop.products.testing.Fixtures;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A second application context whose Redis is a closed port: the catalog still answers, from PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class RedisDownTests {

    @DynamicPropertySource
    static void deadRedis(DynamicPropertyRegistry registry) {
        // The URL wins over the host and port that the test harness sets.
        registry.add("spring.data.redis.url", () -> "redis://127.0.0.1:" + closedPort());
        registry.add("northwind.products.reservations.expiry-interval", () -> "1h");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @Test
    void servesReadsFromPostgresWhenRedisIsDown() {
        TestHttp http = TestHttp.localhost(port);
        String slug = Fixtures.unique("down");
        UUID categoryId = Fixtures.category(jdbc, slug);
        TestHttp.Response created = http.send(
                "POST",
                "/api/products",
                Fixtures.newProduct(Fixtures.unique("d"), "Resilient kettle", categoryId, 100, 1),
                Fixtures.admin());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asString();

        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            TestHttp.Response product = http.get("/api/products/" + id);
            assertThat(product.status()).isEqualTo(200);
            assertThat(product.json().path("name").asString()).isEqualTo("Resilient kettle");
            assertThat(http.get("/api/products?category=" + slug).status()).isEqualTo(200);
            TestHttp.Response several = http.send("GET", "/internal/products?ids=" + id, null, Fixtures.service());
            assertThat(several.json().get(0).path("name").asString()).isEqualTo("Resilient kettle");
            assertThat((System.nanoTime() - started) / 1_000_000)
                    .as("ms for three reads")
                    .isLessThan(2_000);
        }
        double failures = meters.get("northwind.cache.requests").tag("result", "error").counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
        assertThat(failures).isPositive();
    }

    /** A port nothing listens on: bound, then released. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
