package com.northwind.shop.products.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.northwind.shop.platform.events.EventConsumers;
import com.northwind.shop.platform.events.StreamKeys;
import com.northwind.shop.platform.test.EventStreams;
import com.northwind.shop.platform.test.TestHttp;
import com.northwind.shop.products.testing.Fixtures;
import com.northwind.shop.products.testing.ProductsServiceTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** product-service's part of the payment saga, against real PostgreSQL and real Redis streams. */
@ProductsServiceTest
class OrderEventHandlersTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ReservationExpiry expiry;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    StreamKeys events;

    @Autowired
    EventConsumers consumers;

    @Autowired
    JsonMapper json;

    TestHttp http;
    UUID categoryId;
    EventStreams streams;

    @BeforeEach
    void setUp() {
        http = TestHttp.localhost(port);
        categoryId = Fixtures.category(jdbc, Fixtures.unique("saga"));
        streams = new EventStreams(redis, events.prefix());
    }

    @Test
    void orderPaidConfirmsTheReservationAndTakesTheUnitsOffTheShelfOnce() {
        String mug = product("Mug", 10);
        UUID order = reserved(line(mug, 3));
        UUID event = UUID.randomUUID();

        streams.publish("orders.events", event, "OrderPaid", order, orderPaid(order));
        streams.publish("orders.events", event, "OrderPaid", order, orderPaid(order));
        UUID republished = orderPaidEvent(order);

        awaitHandled(event);
        awaitHandled(republished);
        assertThat(status(order)).isEqualTo("CONFIRMED");
        assertThat(onShelf(mug)).isEqualTo(7);
        assertThat(available(mug)).isEqualTo(7);
        awaitNothingPending();
    }

    @Test
    void orderPaidForAnExpiredReservationTakesTheStockAgainAndEvictsTheCachedProduct() {
        String mug = product("Mug", 10);
        String cup = product("Cup", 10);
        UUID order = reserved(line(mug, 3), line(cup, 2));
        expire(order);
        assertThat(available(mug)).isEqualTo(10);
        // Cached with 10 available.
        assertThat(http.get("/api/products/" + mug)
                        .json()
                        .path("availableQuantity")
                        .asInt())
                .isEqualTo(10);

        awaitHandled(orderPaidEvent(order));

        assertThat(status(order)).isEqualTo("CONFIRMED");
        assertThat(available(mug)).isEqualTo(7);
        assertThat(onShelf(mug)).isEqualTo(7);
        assertThat(available(cup)).isEqualTo(8);
        assertThat(onShelf(cup)).isEqualTo(8);
        assertThat(http.get("/api/products/" + mug)
                        .json()
                        .path("availableQuantity")
                        .asInt())
                .isEqualTo(7);
        assertThat(streams.entries("products.events", order)).isEmpty();
    }

    @Test
    void orderPaidForAnExpiredReservationWhoseStockSoldOutPublishesStockUnavailableAndTakesNothing() {
        String plenty = product("Plenty", 10);
        String scarce = product("Scarce", 3);
        UUID order = reserved(line(plenty, 2), line(scarce, 2));
        expire(order);
        reserved(line(scarce, 2)); // someone else bought the scarce units meanwhile

        awaitHandled(orderPaidEvent(order));

        assertThat(status(order)).isEqualTo("EXPIRED");
        assertThat(available(plenty)).isEqualTo(10);
        assertThat(onShelf(plenty)).isEqualTo(10);
        assertThat(available(scarce)).isEqualTo(1);
        assertThat(onShelf(scarce)).isEqualTo(3);
        await().atMost(WAIT)
                .until(() -> !streams.entries("products.events", order).isEmpty());
        List<Map<Object, Object>> published = streams.entries("products.events", order);
        assertThat(published).hasSize(1);
        assertThat(published.getFirst().get("type")).isEqualTo("StockUnavailable");
        JsonNode payload = json.readTree((String) published.getFirst().get("payload"));
        assertThat(payload.path("orderId").asString()).isEqualTo(order.toString());
        assertThat(payload.path("reason").asString()).isEqualTo("insufficient-stock");
    }

    @Test
    void orderPaidForAReservationReleasedByAFailedCheckoutTakesTheStockAgain() {
        String mug = product("Mug", 10);
        UUID order = reserved(line(mug, 3));
        // The order's commit failed as order-service saw it, so it released; the order was written after all.
        releaseAfterFailedCheckout(order);
        assertThat(available(mug)).isEqualTo(10);

        awaitHandled(orderPaidEvent(order));

        assertThat(status(order)).isEqualTo("CONFIRMED");
        assertThat(available(mug)).isEqualTo(7);
        assertThat(onShelf(mug)).isEqualTo(7);
        assertThat(streams.entries("products.events", order)).isEmpty();
    }

    @Test
    void orderPaidForAReservationReleasedByAFailedCheckoutWhoseStockSoldOutPublishesStockUnavailable() {
        String scarce = product("Scarce", 3);
        UUID order = reserved(line(scarce, 2));
        releaseAfterFailedCheckout(order);
        reserved(line(scarce, 2)); // someone else bought the units meanwhile

        awaitHandled(orderPaidEvent(order));

        assertThat(status(order)).isEqualTo("RELEASED");
        assertThat(available(scarce)).isEqualTo(1);
        assertThat(onShelf(scarce)).isEqualTo(3);
        await().atMost(WAIT)
                .until(() -> !streams.entries("products.events", order).isEmpty());
        List<Map<Object, Object>> published = streams.entries("products.events", order);
        assertThat(published).hasSize(1);
        assertThat(published.getFirst().get("type")).isEqualTo("StockUnavailable");

        // order-service cancels the order: the reservation is then a cancelled order's, for good.
        awaitHandled(streams.publish("orders.events", "OrderCancelled", order, orderCancelled(order, "PAID")));
        assertThat(jdbc.queryForObject(
                        "SELECT release_reason FROM reservations WHERE order_id = ?", String.class, order))
                .isEqualTo("cancelled");
        awaitHandled(orderPaidEvent(order));
        assertThat(streams.entries("products.events", order)).hasSize(1);
        assertThat(available(scarce)).isEqualTo(1);
    }

    private void releaseAfterFailedCheckout(UUID order) {
        TestHttp.Response released = http.send(
                "POST",
                "/internal/reservations/" + order + "/release?reason=checkout-failed",
                null,
                Fixtures.service());
        assertThat(released.status()).as(released.body()).isEqualTo(200);
    }

    @Test
    void orderCancelledReleasesTheReservationOnce() {
        String mug = product("Mug", 10);
        UUID order = reserved(line(mug, 3));
        UUID event = UUID.randomUUID();

        streams.publish("orders.events", event, "OrderCancelled", order, orderCancelled(order, "AWAITING_PAYMENT"));
        streams.publish("orders.events", event, "OrderCancelled", order, orderCancelled(order, "AWAITING_PAYMENT"));
        // order-service also releases synchronously, and a release may come again: still once.
        assertThat(http.send("POST", "/internal/reservations/" + order + "/release", null, Fixtures.service())
                        .status())
                .isEqualTo(200);
        UUID again =
                streams.publish("orders.events", "OrderCancelled", order, orderCancelled(order, "AWAITING_PAYMENT"));

        awaitHandled(event);
        awaitHandled(again);
        assertThat(status(order)).isEqualTo("RELEASED");
        assertThat(available(mug)).isEqualTo(10);
        assertThat(onShelf(mug)).isEqualTo(10);
    }

    @Test
    void orderCancelledAfterPaymentPutsTheUnitsBackOnTheShelf() {
        String mug = product("Mug", 10);
        UUID order = reserved(line(mug, 3));
        awaitHandled(orderPaidEvent(order));
        assertThat(onShelf(mug)).isEqualTo(7);

        awaitHandled(streams.publish("orders.events", "OrderCancelled", order, orderCancelled(order, "PAID")));

        assertThat(status(order)).isEqualTo("RELEASED");
        assertThat(available(mug)).isEqualTo(10);
        assertThat(onShelf(mug)).isEqualTo(10);
    }

    @Test
    void onlyOrderPaidConfirmsStockAndNeverForACancelledOrder() {
        String mug = product("Mug", 10);
        UUID unpaid = reserved(line(mug, 1));
        UUID cancelled = reserved(line(mug, 2));
        UUID expiredThenCancelled = reserved(line(mug, 3));

        // Other events about an unpaid order confirm nothing: acknowledged without a transaction, never recorded.
        List<UUID> others = List.of(
                streams.publish(
                        "orders.events",
                        "PaymentRejected",
                        unpaid,
                        "{\"orderId\":\"%s\",\"paymentId\":\"%s\",\"reason\":\"amount-mismatch\"}"
                                .formatted(unpaid, UUID.randomUUID())),
                streams.publish("orders.events", "OrderPlaced", unpaid, "{\"orderId\":\"%s\"}".formatted(unpaid)));
        // An OrderPaid handled after the order's cancel (another instance, a redelivery) is stale.
        awaitHandled(streams.publish("orders.events", "OrderCancelled", cancelled, orderCancelled(cancelled, "PAID")));
        awaitHandled(orderPaidEvent(cancelled));
        expire(expiredThenCancelled);
        awaitHandled(streams.publish(
                "orders.events", "OrderCancelled", expiredThenCancelled, orderCancelled(expiredThenCancelled, "PAID")));
        awaitHandled(orderPaidEvent(expiredThenCancelled));

        assertThat(status(unpaid)).isEqualTo("RESERVED");
        assertThat(status(cancelled)).isEqualTo("RELEASED");
        assertThat(status(expiredThenCancelled)).isEqualTo("RELEASED");
        assertThat(onShelf(mug)).isEqualTo(10);
        assertThat(available(mug)).isEqualTo(9);
        assertThat(streams.entries("products.events", cancelled)).isEmpty();
        assertThat(streams.entries("products.events", expiredThenCancelled)).isEmpty();
        awaitNothingPending();
        others.forEach(event -> assertThat(processed(event)).isZero());
    }

    @Test
    void aConsumerStoppedMidStreamAndRestartedLosesNothingAndDuplicatesNothing() {
        String mug = product("Mug", 20);
        List<UUID> orders = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            orders.add(reserved(line(mug, 1)));
        }
        List<UUID> published = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                published.add(orderPaidEvent(orders.get(i)));
            }
            consumers.stop();
            for (int i = 3; i < 6; i++) {
                UUID event = UUID.randomUUID();
                streams.publish("orders.events", event, "OrderPaid", orders.get(i), orderPaid(orders.get(i)));
                streams.publish("orders.events", event, "OrderPaid", orders.get(i), orderPaid(orders.get(i)));
                published.add(event);
            }
            assertThat(status(orders.get(5))).isEqualTo("RESERVED");
        } finally {
            consumers.start();
        }

        published.forEach(this::awaitHandled);
        orders.forEach(order -> assertThat(status(order)).isEqualTo("CONFIRMED"));
        assertThat(onShelf(mug)).isEqualTo(14);
        assertThat(available(mug)).isEqualTo(14);
        awaitNothingPending();
    }

    private String product(String name, int quantity) {
        TestHttp.Response created = http.send(
                "POST",
                "/api/products",
                Fixtures.newProduct(Fixtures.unique("s"), name, categoryId, 100, quantity),
                Fixtures.admin());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    private UUID reserved(String... lines) {
        UUID orderId = UUID.randomUUID();
        String body = "{\"orderId\": \"%s\", \"lines\": [%s]}".formatted(orderId, String.join(",", lines));
        TestHttp.Response response = http.send("POST", "/internal/reservations", body, Fixtures.service());
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return orderId;
    }

    private void expire(UUID order) {
        jdbc.update("UPDATE reservations SET expires_at = now() - interval '1 minute' WHERE order_id = ?", order);
        expiry.expireDue();
        assertThat(status(order)).isEqualTo("EXPIRED");
    }

    private UUID orderPaidEvent(UUID order) {
        return streams.publish("orders.events", "OrderPaid", order, orderPaid(order));
    }

    private static String orderPaid(UUID order) {
        return """
                {"orderId":"%s","userId":"%s","paymentId":"%s","total":{"amount":300,"currency":"USD"},
                 "paidAt":"2026-12-02T05:00:00Z"}""".formatted(order, UUID.randomUUID(), UUID.randomUUID());
    }

    private static String orderCancelled(UUID order, String previousStatus) {
        return """
                {"orderId":"%s","userId":"%s","previousStatus":"%s","reason":"customer",
                 "total":{"amount":300,"currency":"USD"},"cancelledAt":"2026-12-02T05:00:00Z"}""".formatted(order, UUID.randomUUID(), previousStatus);
    }

    private static String line(String productId, int quantity) {
        return "{\"productId\": \"%s\", \"quantity\": %d}".formatted(productId, quantity);
    }

    private void awaitHandled(UUID event) {
        await().atMost(WAIT).until(() -> processed(event) == 1);
    }

    private int processed(UUID event) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM processed_events WHERE consumer = 'product-service' AND event_id = ?",
                Integer.class,
                event);
    }

    private void awaitNothingPending() {
        await().atMost(WAIT)
                .until(() -> redis.opsForStream()
                                .pending(events.streamKey("orders.events"), "product-service")
                                .getTotalPendingMessages()
                        == 0);
    }

    private String status(UUID order) {
        return jdbc.queryForObject("SELECT status FROM reservations WHERE order_id = ?", String.class, order);
    }

    private int available(String productId) {
        return jdbc.queryForObject(
                "SELECT available_quantity FROM products WHERE id = ?::uuid", Integer.class, productId);
    }

    private int onShelf(String productId) {
        return jdbc.queryForObject("SELECT stock_quantity FROM products WHERE id = ?::uuid", Integer.class, productId);
    }
}
