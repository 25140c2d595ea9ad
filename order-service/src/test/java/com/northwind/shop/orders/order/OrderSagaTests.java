package com.northwind.shop.orders.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.northwind.shop.orders.OrdersApi;
import com.northwind.shop.platform.events.EventConsumers;
import com.northwind.shop.platform.events.StreamKeys;
import com.northwind.shop.platform.test.EventStreams;
import com.northwind.shop.platform.test.RealInfrastructure;
import com.northwind.shop.platform.test.TestHttp;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The payment saga as order-service plays it, against real PostgreSQL and real Redis streams. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class OrderSagaTests {

    private static final long PRICE = OrdersApi.PRICE;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final UUID customer = UUID.randomUUID();
    private final java.util.concurrent.atomic.AtomicLong paymentVersions =
            new java.util.concurrent.atomic.AtomicLong(1);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    OrderExpiryJob expiry;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    StreamKeys events;

    @Autowired
    EventConsumers consumers;

    @Autowired
    JsonMapper json;

    @Autowired
    MeterRegistry meters;

    EventStreams streams;

    OrdersApi api;

    @BeforeEach
    void connect() {
        streams = new EventStreams(redis, events.prefix());
        api = new OrdersApi(TestHttp.localhost(port));
    }

    @Test
    void paymentSucceededPaysTheOrderAndPublishesOrderPaid() {
        UUID order = placedOrder();
        UUID payment = UUID.randomUUID();

        UUID event = paymentSucceeded(order, payment, PRICE, "USD");

        awaitHandled(event);
        assertThat(status(order)).isEqualTo("PAID");
        assertThat(jdbc.queryForObject("SELECT payment_id FROM orders WHERE id = ?", UUID.class, order))
                .isEqualTo(payment);
        assertThat(history(order)).containsExactly("AWAITING_PAYMENT", "PAID");
        await().atMost(WAIT)
                .until(() -> !streams.entries("orders.events", order).isEmpty());
        Map<Object, Object> published = streams.entries("orders.events", order).getFirst();
        assertThat(published.get("type")).isEqualTo("OrderPaid");
        JsonNode paid = json.readTree((String) published.get("payload"));
        assertThat(paid.path("orderId").asString()).isEqualTo(order.toString());
        assertThat(paid.path("userId").asString()).isEqualTo(customer.toString());
        assertThat(paid.path("paymentId").asString()).isEqualTo(payment.toString());
        assertThat(paid.path("total").path("amount").asLong()).isEqualTo(PRICE);
        assertThat(paid.path("total").path("currency").asString()).isEqualTo("USD");
        assertThat(paid.path("paidAt").asString()).isNotBlank();
        assertThat(customerView(order).path("status").asString()).isEqualTo("PAID");
    }

    @Test
    void countsOrdersPlacedPaidAndCancelled() {
        double placed = count("shop.orders.placed");
        double paid = count("shop.orders.paid");
        double cancelled = count("shop.orders.cancelled", "reason", "customer");

        UUID order = placedOrder();
        assertThat(count("shop.orders.placed")).isEqualTo(placed + 1);
        awaitHandled(paymentSucceeded(order, UUID.randomUUID(), PRICE, "USD"));
        assertThat(count("shop.orders.paid")).isGreaterThanOrEqualTo(paid + 1);
        assertThat(cancel(placedOrder()).status()).isEqualTo(200);
        assertThat(count("shop.orders.cancelled", "reason", "customer")).isEqualTo(cancelled + 1);
    }

    private double count(String name, String... tags) {
        return meters.get(name).tags(tags).counter().count();
    }

    @Test
    void anEventDeliveredTwiceIsHandledOnce() {
        UUID order = placedOrder();
        UUID payment = UUID.randomUUID();
        UUID event = UUID.randomUUID();
        String payload = paymentSucceededPayload(order, payment, PRICE, "USD");
        streams.publish("payments.events", event, "PaymentSucceeded", payment, payload);
        streams.publish("payments.events", event, "PaymentSucceeded", payment, payload);
        // The same payment re-published under a new event id is recognised by its payment id.
        UUID republished = streams.publish("payments.events", "PaymentSucceeded", payment, payload);

        awaitHandled(event);
        awaitHandled(republished);
        assertThat(status(order)).isEqualTo("PAID");
        assertThat(outboxTypes(order)).containsExactly("OrderPaid");
        assertThat(history(order)).containsExactly("AWAITING_PAYMENT", "PAID");
        awaitNothingPending("payments.events");
    }

    @Test
    void paymentForACancelledOrderIsRejected() {
        UUID order = placedOrder();
        assertThat(cancel(order).status()).isEqualTo(200);
        UUID payment = UUID.randomUUID();

        awaitHandled(paymentSucceeded(order, payment, PRICE, "USD"));

        assertThat(status(order)).isEqualTo("CANCELLED");
        assertThat(outboxTypes(order)).containsExactly("OrderCancelled", "PaymentRejected");
        JsonNode rejected = outboxPayload(order, "PaymentRejected");
        assertThat(rejected.path("paymentId").asString()).isEqualTo(payment.toString());
        assertThat(rejected.path("reason").asString()).isEqualTo("order-cancelled");
    }

    @Test
    void paymentThatRacedTheExpiryIsRejectedAndTheRefundEndsTheOrderRefunded() {
        UUID order = placedOrder();
        jdbc.update("UPDATE orders SET expires_at = now() - interval '1 second' WHERE id = ?", order);
        expiry.expireDue();
        UUID payment = UUID.randomUUID();

        awaitHandled(paymentSucceeded(order, payment, PRICE, "USD"));
        assertThat(outboxPayload(order, "PaymentRejected").path("reason").asString())
                .isEqualTo("order-cancelled");

        awaitHandled(paymentRefunded(order, payment, true));
        assertThat(status(order)).isEqualTo("REFUNDED");
        assertThat(history(order)).containsExactly("AWAITING_PAYMENT", "CANCELLED", "REFUNDED");
        assertThat(outboxTypes(order)).doesNotContain("OrderPaid");
    }

    @Test
    void aPaymentJustPastTheDeadlineBeforeTheExpiryJobRanStillPays() {
        UUID order = placedOrder();
        jdbc.update("UPDATE orders SET expires_at = now() - interval '1 second' WHERE id = ?", order);

        awaitHandled(paymentSucceeded(order, UUID.randomUUID(), PRICE, "USD"));
        expiry.expireDue();

        assertThat(status(order)).isEqualTo("PAID");
        assertThat(outboxTypes(order)).containsExactly("OrderPaid");
    }

    @Test
    void paymentRacingTheExpiryEndsEitherPaidOrCancelledAndRejectedNeverBoth() {
        List<UUID> orders = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            orders.add(placedOrder());
        }
        orders.forEach(
                id -> jdbc.update("UPDATE orders SET expires_at = now() - interval '1 second' WHERE id = ?", id));
        List<UUID> payments = new ArrayList<>();

        CompletableFuture<Integer> expiring = CompletableFuture.supplyAsync(expiry::expireDue);
        for (UUID order : orders) {
            payments.add(paymentSucceeded(order, UUID.randomUUID(), PRICE, "USD"));
        }
        expiring.join();
        payments.forEach(this::awaitHandled);

        for (UUID order : orders) {
            List<String> published = outboxTypes(order);
            if (status(order).equals("PAID")) {
                assertThat(published).as(order.toString()).containsExactly("OrderPaid");
            } else {
                assertThat(status(order)).isEqualTo("CANCELLED");
                assertThat(published).as(order.toString()).containsExactly("OrderCancelled", "PaymentRejected");
            }
        }
    }

    @Test
    void aSecondPaymentOfAPaidOrderIsRejected() {
        UUID order = placedOrder();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        awaitHandled(paymentSucceeded(order, first, PRICE, "USD"));

        awaitHandled(paymentSucceeded(order, second, PRICE, "USD"));

        assertThat(status(order)).isEqualTo("PAID");
        assertThat(outboxTypes(order)).containsExactly("OrderPaid", "PaymentRejected");
        JsonNode rejected = outboxPayload(order, "PaymentRejected");
        assertThat(rejected.path("paymentId").asString()).isEqualTo(second.toString());
        assertThat(rejected.path("reason").asString()).isEqualTo("already-paid");
        // Refunding the rejected second payment leaves the order paid by the first.
        awaitHandled(paymentRefunded(order, second, true));
        assertThat(status(order)).isEqualTo("PAID");
    }

    @Test
    void aPaymentOfAnotherAmountOrCurrencyIsRejectedAndTheOrderStaysPayable() {
        UUID order = placedOrder();

        awaitHandled(paymentSucceeded(order, UUID.randomUUID(), PRICE - 1, "USD"));
        awaitHandled(paymentSucceeded(order, UUID.randomUUID(), PRICE, "EUR"));

        assertThat(status(order)).isEqualTo("AWAITING_PAYMENT");
        assertThat(outboxTypes(order)).containsExactly("PaymentRejected", "PaymentRejected");
        assertThat(outboxPayload(order, "PaymentRejected").path("reason").asString())
                .isEqualTo("amount-mismatch");
        awaitHandled(paymentSucceeded(order, UUID.randomUUID(), PRICE, "USD"));
        assertThat(status(order)).isEqualTo("PAID");
    }

    @Test
    void aPaymentSucceededHandledAfterTheSamePaymentsFullRefundNeverMarksTheOrderPaid() {
        UUID order = placedOrder();
        UUID payment = UUID.randomUUID();
        // The refund (payment version 2) overtook the success (version 1): another instance, a retried entry.
        awaitHandled(paymentRefunded(order, payment, true));
        assertThat(status(order)).isEqualTo("AWAITING_PAYMENT");

        UUID stale = UUID.randomUUID();
        streams.publish(
                "payments.events",
                stale,
                "PaymentSucceeded",
                payment,
                1,
                paymentSucceededPayload(order, payment, PRICE, "USD"));
        awaitHandled(stale);

        assertThat(status(order)).isEqualTo("AWAITING_PAYMENT");
        assertThat(outboxTypes(order)).isEmpty();
        // Another payment of the same order still pays it.
        awaitHandled(paymentSucceeded(order, UUID.randomUUID(), PRICE, "USD"));
        assertThat(status(order)).isEqualTo("PAID");
    }

    @Test
    void aFailedPaymentLeavesTheOrderPayable() {
        UUID order = placedOrder();

        awaitHandled(streams.publish("payments.events", "PaymentFailed", UUID.randomUUID(), """
                {"paymentId":"%s","orderId":"%s","userId":"%s","reason":"declined","failedAt":"2026-12-02T05:00:00Z"}
                """.formatted(
                        UUID.randomUUID(), order, customer)));

        assertThat(status(order)).isEqualTo("AWAITING_PAYMENT");
        assertThat(jdbc.queryForList(
                        "SELECT reason FROM order_status_history WHERE order_id = ? ORDER BY position",
                        String.class,
                        order))
                .containsExactly("placed", "payment-failed:declined");
        assertThat(outboxTypes(order)).isEmpty();
        assertThat(customerView(order).path("status").asString()).isEqualTo("AWAITING_PAYMENT");
        // The customer retries with another card.
        awaitHandled(paymentSucceeded(order, UUID.randomUUID(), PRICE, "USD"));
        assertThat(status(order)).isEqualTo("PAID");
    }

    @Test
    void cancellingAPaidOrderPublishesOrderCancelledFromPaidAndTheRefundEndsItRefunded() {
        UUID order = placedOrder();
        UUID payment = UUID.randomUUID();
        awaitHandled(paymentSucceeded(order, payment, PRICE, "USD"));

        TestHttp.Response cancelled = cancel(order);

        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(status(order)).isEqualTo("CANCELLED");
        JsonNode event = outboxPayload(order, "OrderCancelled");
        assertThat(event.path("previousStatus").asString()).isEqualTo("PAID");
        assertThat(event.path("reason").asString()).isEqualTo("customer");
        assertThat(event.path("total").path("amount").asLong()).isEqualTo(PRICE);

        // A partial refund changes nothing; the full one settles the order.
        awaitHandled(paymentRefunded(order, payment, false));
        assertThat(status(order)).isEqualTo("CANCELLED");
        awaitHandled(paymentRefunded(order, payment, true));
        assertThat(status(order)).isEqualTo("REFUNDED");
        assertThat(history(order)).containsExactly("AWAITING_PAYMENT", "PAID", "CANCELLED", "REFUNDED");
    }

    @Test
    void aFullRefundOfAPaidUnshippedOrderPublishesOrderCancelledSoItsStockIsReleased() {
        UUID order = placedOrder();
        UUID payment = UUID.randomUUID();
        awaitHandled(paymentSucceeded(order, payment, PRICE, "USD"));

        // An admin's full refund (POST /api/payments/{id}/refunds) of the order's payment.
        awaitHandled(paymentRefunded(order, payment, true));

        assertThat(status(order)).isEqualTo("REFUNDED");
        assertThat(outboxTypes(order)).containsExactly("OrderPaid", "OrderCancelled");
        JsonNode cancelled = outboxPayload(order, "OrderCancelled");
        assertThat(cancelled.path("previousStatus").asString()).isEqualTo("PAID");
        assertThat(cancelled.path("reason").asString()).isEqualTo("refunded");
        // The same refund again changes nothing and publishes nothing.
        awaitHandled(paymentRefunded(order, payment, true));
        assertThat(outboxTypes(order)).containsExactly("OrderPaid", "OrderCancelled");
    }

    @Test
    void aFullRefundOfAShippedOrderLeavesItsStockShipped() {
        UUID order = placedOrder();
        UUID payment = UUID.randomUUID();
        awaitHandled(paymentSucceeded(order, payment, PRICE, "USD"));
        jdbc.update("UPDATE orders SET status = 'SHIPPED' WHERE id = ?", order);

        awaitHandled(paymentRefunded(order, payment, true));

        assertThat(status(order)).isEqualTo("REFUNDED");
        assertThat(outboxTypes(order)).containsExactly("OrderPaid");
    }

    @Test
    void stockUnavailableCancelsAPaidOrderForARefund() {
        UUID order = placedOrder();
        awaitHandled(paymentSucceeded(order, UUID.randomUUID(), PRICE, "USD"));

        UUID event = streams.publish(
                "products.events",
                "StockUnavailable",
                order,
                "{\"orderId\":\"%s\",\"reason\":\"insufficient-stock\"}".formatted(order));

        awaitHandled(event);
        assertThat(status(order)).isEqualTo("CANCELLED");
        JsonNode cancelled = outboxPayload(order, "OrderCancelled");
        assertThat(cancelled.path("previousStatus").asString()).isEqualTo("PAID");
        assertThat(cancelled.path("reason").asString()).isEqualTo("out-of-stock");
        assertThat(outboxTypes(order)).containsExactly("OrderPaid", "OrderCancelled");
    }

    @Test
    void aConsumerStoppedMidStreamAndRestartedLosesNothingAndDuplicatesNothing() {
        List<UUID> orders = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            orders.add(placedOrder());
        }
        List<UUID> handled = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                handled.add(paymentSucceeded(orders.get(i), UUID.randomUUID(), PRICE, "USD"));
            }
            consumers.stop();
            for (int i = 3; i < 6; i++) {
                UUID payment = UUID.randomUUID();
                String payload = paymentSucceededPayload(orders.get(i), payment, PRICE, "USD");
                UUID event = streams.publish("payments.events", "PaymentSucceeded", payment, payload);
                streams.publish("payments.events", event, "PaymentSucceeded", payment, payload);
                handled.add(event);
            }
            assertThat(status(orders.get(5))).isEqualTo("AWAITING_PAYMENT");
        } finally {
            consumers.start();
        }

        handled.forEach(this::awaitHandled);
        for (UUID order : orders) {
            assertThat(status(order)).isEqualTo("PAID");
            assertThat(outboxTypes(order)).containsExactly("OrderPaid");
        }
        awaitNothingPending("payments.events");
    }

    private UUID placedOrder() {
        return api.placedOrder(customer, 1);
    }

    private TestHttp.Response cancel(UUID order) {
        return api.post(customer, "/api/orders/" + order + "/cancel");
    }

    private JsonNode customerView(UUID order) {
        return api.get(customer, "/api/orders/" + order).json();
    }

    private UUID paymentSucceeded(UUID order, UUID payment, long amount, String currency) {
        return streams.publish(
                "payments.events",
                "PaymentSucceeded",
                payment,
                paymentSucceededPayload(order, payment, amount, currency));
    }

    private String paymentSucceededPayload(UUID order, UUID payment, long amount, String currency) {
        return """
                {"paymentId":"%s","orderId":"%s","userId":"%s","amount":{"amount":%d,"currency":"%s"},
                 "succeededAt":"2026-12-02T05:00:00Z"}""".formatted(payment, order, customer, amount, currency);
    }

    /** Each refund changes the payment: a newer version than its PaymentSucceeded (1) and any refund before. */
    private UUID paymentRefunded(UUID order, UUID payment, boolean fully) {
        UUID event = UUID.randomUUID();
        streams.publish(
                "payments.events", event, "PaymentRefunded", payment, paymentVersions.incrementAndGet(), """
                {"paymentId":"%s","refundId":"%s","orderId":"%s","userId":"%s",
                 "amount":{"amount":%d,"currency":"USD"},"refundedTotal":{"amount":%d,"currency":"USD"},
                 "fullyRefunded":%s,"refundedAt":"2026-12-02T05:00:00Z"}""".formatted(
                                payment, UUID.randomUUID(), order, customer, PRICE, PRICE, fully));
        return event;
    }

    private void awaitHandled(UUID event) {
        await().atMost(WAIT)
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM processed_events WHERE consumer = 'order-service' AND event_id = ?",
                                Integer.class,
                                event)
                        == 1);
    }

    private void awaitNothingPending(String stream) {
        await().atMost(WAIT)
                .until(() -> redis.opsForStream()
                                .pending(events.streamKey(stream), "order-service")
                                .getTotalPendingMessages()
                        == 0);
    }

    private String status(UUID order) {
        return jdbc.queryForObject("SELECT status FROM orders WHERE id = ?", String.class, order);
    }

    private List<String> history(UUID order) {
        return jdbc.queryForList(
                "SELECT to_status FROM order_status_history WHERE order_id = ? ORDER BY position", String.class, order);
    }

    private List<String> outboxTypes(UUID order) {
        return jdbc.queryForList(
                "SELECT type FROM outbox_events WHERE aggregate_id = ? ORDER BY occurred_at, type",
                String.class,
                order.toString());
    }

    private JsonNode outboxPayload(UUID order, String type) {
        return json.readTree(jdbc.queryForObject(
                "SELECT payload::text FROM outbox_events WHERE aggregate_id = ? AND type = ?"
                        + " ORDER BY occurred_at DESC LIMIT 1",
                String.class,
                order.toString(),
                type));
    }
}
