package com.northwind.shop.payments.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.northwind.shop.payments.OrderServiceStub;
import com.northwind.shop.payments.order.OrderServiceUnavailableException;
import com.northwind.shop.platform.events.Event;
import com.northwind.shop.platform.events.StreamKeys;
import com.northwind.shop.platform.events.Subscription;
import com.northwind.shop.platform.idempotency.StoredResponse;
import com.northwind.shop.platform.test.EventStreams;
import com.northwind.shop.platform.test.RealInfrastructure;
import com.northwind.shop.platform.test.SqlStatements;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one checkout step costs payment-service in SQL, as upper bounds that fail the build when a change adds a
 * statement (issue #17). Statements are counted on the calling thread (platform-test's {@link SqlStatements}): the
 * simulated card processor writes its own ledger on another thread, as a remote processor would, and is not counted.
 * An event handler is called as the platform's consumer calls it, inside one transaction that first records the
 * event id (one INSERT, counted here too).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class CheckoutStatementsTests {

    private static final long AMOUNT = 4999;

    private final OrderServiceStub orders = OrderServiceStub.get();
    private final UUID customer = UUID.randomUUID();

    @Autowired
    PaymentService payments;

    @Autowired
    Subscription orderEvents;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    StreamKeys events;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void payingAnOrderTakesAtMostEightStatementsInTwoCommits() {
        UUID order = awaitingPayment();

        try (SqlStatements.Capture sql = SqlStatements.capture()) {
            StoredResponse answer = pay(order);

            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
            // The key's claim, the cancelled-order check, the database's now() (the resolver's deadline is on the
            // database's clock, #16), the PENDING payment (committed); then, after the charge, the payment locked and
            // settled, PaymentSucceeded in the outbox, the key's stored answer (committed).
            assertThat(sql.count()).as(sql.toString()).isLessThanOrEqualTo(8);
            assertThat(sql.commits()).as(sql.toString()).isEqualTo(2);
        }
    }

    @Test
    void orderPaidIsAcknowledgedWithoutATransaction() {
        EventStreams streams = new EventStreams(redis, events.prefix());
        UUID order = UUID.randomUUID();

        UUID event = streams.publish("orders.events", "OrderPaid", order, "{\"orderId\":\"%s\"}".formatted(order));

        // One per checkout, and nothing to do for payment-service: acknowledged, never recorded.
        assertThat(orderEvents.handles("OrderPaid")).isFalse();
        String key = events.streamKey("orders.events");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> redis.opsForStream().groups(key).stream()
                        .filter(group -> group.groupName().equals(orderEvents.group()))
                        .anyMatch(group -> group.pendingCount() == 0
                                && group.lastDeliveredId()
                                        .equals(redis.opsForStream().info(key).lastGeneratedId())));
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM processed_events WHERE event_id = ?", Integer.class, event))
                .isZero();
    }

    @Test
    void orderCancelledOfAPaidOrderTakesAtMostNineStatements() {
        UUID order = awaitingPayment();
        assertThat(paid(order).status()).isEqualTo(201);

        try (SqlStatements.Capture sql = SqlStatements.capture()) {
            handle("OrderCancelled", "{\"orderId\":\"%s\",\"cancelledAt\":\"%s\"}".formatted(order, Instant.now()));

            // The event id, the order remembered as cancelled, its payments locked, the processor's refund (its
            // charge locked, what it refunded before, the refund), the refund row, the payment, PaymentRefunded.
            assertThat(sql.count()).as(sql.toString()).isLessThanOrEqualTo(9);
        }
        assertThat(jdbc.queryForObject("SELECT status FROM payments WHERE order_id = ?", String.class, order))
                .isEqualTo("REFUNDED");
    }

    @Test
    void paymentRejectedTakesAtMostEightStatements() {
        UUID order = awaitingPayment();
        StoredResponse paid = paid(order);
        assertThat(paid.status()).isEqualTo(201);
        UUID payment = jdbc.queryForObject("SELECT id FROM payments WHERE order_id = ?", UUID.class, order);

        try (SqlStatements.Capture sql = SqlStatements.capture()) {
            handle(
                    "PaymentRejected",
                    "{\"orderId\":\"%s\",\"paymentId\":\"%s\",\"reason\":\"already-paid\"}".formatted(order, payment));

            // As OrderCancelled without remembering the order; the refund row is INSERTed without a SELECT first
            // (9 statements before Refund told Spring Data it is new).
            assertThat(sql.count()).as(sql.toString()).isLessThanOrEqualTo(8);
        }
        assertThat(jdbc.queryForObject("SELECT status FROM payments WHERE id = ?", String.class, payment))
                .isEqualTo("REFUNDED");
    }

    private UUID awaitingPayment() {
        UUID order = UUID.randomUUID();
        orders.order(order, customer, "AWAITING_PAYMENT", AMOUNT);
        return order;
    }

    /** Only the setup: on a loaded build machine the stand-in token endpoint can answer after the timeout. */
    private StoredResponse paid(UUID order) {
        for (int attempt = 1; ; attempt++) {
            try {
                return pay(order);
            } catch (OrderServiceUnavailableException ex) {
                if (attempt == 3) {
                    throw ex;
                }
            }
        }
    }

    private StoredResponse pay(UUID order) {
        return payments.pay(
                customer,
                "k-" + UUID.randomUUID(),
                new CreatePaymentRequest(
                        order,
                        new CreatePaymentRequest.CardRequest(PaymentsClient.VISA, 12, 2030, "123", "Ada Lovelace")));
    }

    /** As the platform's consumer runs a handler: one transaction that records the event id first. */
    private void handle(String type, String payload) {
        Event event = new Event(UUID.randomUUID(), type, Instant.now(), "aggregate", 1, null, payload);
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            jdbc.update(
                    "INSERT INTO processed_events (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    orderEvents.group(),
                    event.id());
            orderEvents.handle(event, json);
        });
    }
}
