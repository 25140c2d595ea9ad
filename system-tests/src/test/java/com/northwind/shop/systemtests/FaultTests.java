package com.northwind.shop.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
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
    void paymentServiceKilledBetweenChargeAndEventStillEndsWithAPaidOrder() throws Exception {
        var database = new Database(SystemStack.stack().database());
        var customer = Customer.signUp(shop);
        var productId = UUID.fromString(catalog.newProduct("Sextant " + Catalog.uniqueWord(), 5400, 3)
                .get("id")
                .asString());
        var orderId = UUID.fromString(
                customer.order(productId, 1).expect(201).json().get("id").asString());

        // Pay in the background; kill payment-service the moment the processor has charged the card.
        var payment = java.util.concurrent.CompletableFuture.supplyAsync(() -> customer.pay(orderId));
        String charged = "SELECT count(*) FROM payments.processor_charges c JOIN payments.payments p"
                + " ON p.id = c.payment_id WHERE p.order_id = ?";
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> database.queryInt(charged, orderId) > 0);
        SystemStack.stack().kill("payment-service");
        String unpublished = "SELECT count(*) FROM payments.outbox_events WHERE published_at IS NULL";
        System.out.printf(
                "payment-service killed after the charge; payment row %s, unpublished payment events %d%n",
                database.rows("SELECT status FROM payments.payments WHERE order_id = ?", orderId),
                database.queryInt(unpublished));
        try {
            payment.get(60, java.util.concurrent.TimeUnit.SECONDS); // whatever the client saw (an error is fine)
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            System.out.println("the client's payment call ended with " + e.getCause());
        }

        SystemStack.stack().restart("payment-service");

        // Never stuck: the order ends PAID (or, if the charge were given up, cancelled and refunded).
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> List.of("PAID", "REFUNDED").contains(customer.statusOf(orderId)));
        assertThat(database.queryInt(charged, orderId)).isEqualTo(1);
        if (customer.statusOf(orderId).equals("PAID")) {
            assertThat(database.queryInt(
                            "SELECT count(*) FROM payments.payments WHERE order_id = ? AND status = 'SUCCEEDED'",
                            orderId))
                    .isEqualTo(1);
        }
    }

    @Test
    @Order(3)
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
