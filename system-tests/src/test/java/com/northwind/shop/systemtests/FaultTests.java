package com.northwind.shop.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Parts of the stack fail while customers use it. Runs last (it leaves a product-service instance dead), in a fixed
 * order: Redis comes back before the instance goes.
 */
@SystemTest
@Order(Integer.MAX_VALUE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultTests {

    private static Shop shop;
    private static Catalog catalog;

    @BeforeAll
    static void connect() {
        shop = SystemStack.shop();
        catalog = new Catalog(shop);
    }

    @Test
    @Order(1)
    void withRedisStoppedTheCatalogIsStillServedFromPostgres() throws Exception {
        String word = Catalog.uniqueWord();
        var id = UUID.fromString(
                catalog.newProduct("Umbrella " + word, 1500, 7).get("id").asString());
        shop.get("/api/products/" + id).send().expect(200); // now cached in Redis

        SystemStack.stack().stop("redis");
        try {
            assertThat(SystemStack.stack().isRunning("redis")).isFalse();
            for (int i = 0; i < 5; i++) {
                var product = shop.get("/api/products/" + id).send().expect(200).json();
                assertThat(product.get("name").asString()).isEqualTo("Umbrella " + word);
                var search =
                        shop.get("/api/products?q=" + word).send().expect(200).json();
                assertThat(CustomerJourneyTests.ids(search.get("content"))).containsExactly(id.toString());
                shop.get("/api/categories").send().expect(200);
            }
        } finally {
            SystemStack.stack().restart("redis");
        }
        shop.get("/api/products/" + id).send().expect(200);
    }

    @Test
    @Order(2)
    void withOneProductInstanceKilledReadsAndOrdersGoThroughTheOther() {
        String word = Catalog.uniqueWord();
        var id = UUID.fromString(
                catalog.newProduct("Compass " + word, 3100, 4).get("id").asString());
        var customer = Customer.signUp(shop);

        SystemStack.stack().kill("product-service-1");

        // The gateway retries an idempotent read on the other instance and soon stops choosing the dead one.
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> shop.get("/api/products/" + id).send().status() == 200);
        for (int i = 0; i < 30; i++) {
            shop.get("/api/products/" + id).send().expect(200);
            shop.get("/api/products?q=" + word).send().expect(200);
        }
        // order-service reserves stock through the surviving instance.
        var order = customer.order(id, 1).expect(201).json();
        assertThat(order.get("status").asString()).isEqualTo("AWAITING_PAYMENT");
    }
}
