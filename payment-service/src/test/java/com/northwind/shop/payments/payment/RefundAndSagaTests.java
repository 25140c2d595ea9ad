package com.northwind.shop.payments.payment;

import static com.northwind.shop.payments.payment.PaymentsClient.VISA;
import static com.northwind.shop.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.northwind.shop.payments.OrderServiceStub;
import com.northwind.shop.platform.events.StreamKeys;
import com.northwind.shop.platform.test.RealInfrastructure;
import com.northwind.shop.platform.test.TestHttp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class RefundAndSagaTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OrderServiceStub orders = OrderServiceStub.get();
    private final UUID customer = UUID.randomUUID();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    StreamKeys events;

    PaymentsClient api;

    @BeforeEach
    void connect() {
        api = new PaymentsClient(port);
    }

    private UUID paidOrder(long amount) {
        UUID orderId = UUID.randomUUID();
        orders.order(orderId, customer, "AWAITING_PAYMENT", amount);
        return orderId;
    }

    private UUID pay(UUID orderId) {
        TestHttp.Response response = api.pay(customer, orderId, VISA);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return UUID.fromString(response.json().path("id").asString());
    }

    @Test
    void refundsEverythingWhenNoAmountIsGivenAndPublishesPaymentRefunded() {
        UUID orderId = paidOrder(4999);
        UUID paymentId = pay(orderId);

        TestHttp.Response response = api.refund(paymentId, "{\"reason\":\"goodwill\"}", "ADMIN");

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode refund = response.json();
        assertThat(refund.path("amount").path("amount").asLong()).isEqualTo(4999);
        assertThat(refund.path("fullyRefunded").asBoolean()).isTrue();
        assertThat(jdbc.queryForMap("SELECT status, refunded_amount FROM payments WHERE id = ?", paymentId))
                .containsEntry("status", "REFUNDED")
                .containsEntry("refunded_amount", 4999L);
        JsonNode payload = refundedPayloads(paymentId).getFirst();
        assertThat(payload.path("paymentId").asString()).isEqualTo(paymentId.toString());
        assertThat(payload.path("refundId").asString())
                .isEqualTo(refund.path("id").asString());
        assertThat(payload.path("orderId").asString()).isEqualTo(orderId.toString());
        assertThat(payload.path("userId").asString()).isEqualTo(customer.toString());
        assertThat(payload.path("amount").path("amount").asLong()).isEqualTo(4999);
        assertThat(payload.path("amount").path("currency").asString()).isEqualTo("EUR");
        assertThat(payload.path("refundedTotal").path("amount").asLong()).isEqualTo(4999);
        assertThat(payload.path("fullyRefunded").asBoolean()).isTrue();
        assertThat(payload.path("refundedAt").asString()).isNotBlank();
        // Nothing is left: another refund is refused.
        assertThat(assertProblem(api.refund(paymentId, "{\"reason\":\"again\"}", "ADMIN"), 409)
                        .path("type")
                        .asString())
                .isEqualTo("urn:northwind:problem:refund-refused");
    }

    @Test
    void refundsPartiallyAndNeverMoreThanWasCaptured() {
        UUID paymentId = pay(paidOrder(5000));

        TestHttp.Response first = api.refund(paymentId, "{\"amount\":2000,\"reason\":\"damaged\"}", "ADMIN");
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().path("fullyRefunded").asBoolean()).isFalse();
        assertThat(first.json().path("refundedTotal").path("amount").asLong()).isEqualTo(2000);
        assertThat(jdbc.queryForObject("SELECT status FROM payments WHERE id = ?", String.class, paymentId))
                .isEqualTo("PARTIALLY_REFUNDED");

        assertProblem(api.refund(paymentId, "{\"amount\":3001,\"reason\":\"too much\"}", "ADMIN"), 409);
        assertProblem(api.refund(paymentId, "{\"amount\":0,\"reason\":\"nothing\"}", "ADMIN"), 400);
        assertProblem(api.refund(paymentId, "{\"amount\":10}", "ADMIN"), 400);

        TestHttp.Response rest = api.refund(paymentId, "{\"reason\":\"the rest\"}", "ADMIN");
        assertThat(rest.json().path("amount").path("amount").asLong()).isEqualTo(3000);
        assertThat(rest.json().path("fullyRefunded").asBoolean()).isTrue();
        assertThat(refundedPayloads(paymentId))
                .extracting(node -> node.path("fullyRefunded").asBoolean())
                .containsExactly(false, true);
        assertThat(jdbc.queryForObject(
                        "SELECT sum(amount) FROM processor_refunds WHERE payment_id = ?", Long.class, paymentId))
                .isEqualTo(5000L);
    }

    @Test
    void refusesToRefundAPaymentThatCapturedNothingOrDoesNotExist() {
        UUID orderId = paidOrder(1000);
        TestHttp.Response declined = api.pay(customer, orderId, PaymentsClient.DECLINED);
        UUID failed = UUID.fromString(declined.json().path("paymentId").asString());

        assertProblem(api.refund(failed, "{\"reason\":\"x\"}", "ADMIN"), 409);
        assertProblem(api.refund(UUID.randomUUID(), "{\"reason\":\"x\"}", "ADMIN"), 404);
    }

    @Test
    void requiresAnIdempotencyKeyAndReplaysTheFirstRefundForTheSameKey() {
        UUID paymentId = pay(paidOrder(5000));
        UUID admin = UUID.randomUUID();
        String key = "r-" + UUID.randomUUID();
        String body = "{\"amount\":1500,\"reason\":\"damaged\"}";

        JsonNode missing = assertProblem(api.refund(admin, null, paymentId, body, "ADMIN"), 400);
        assertThat(missing.path("type").asString()).isEqualTo("urn:northwind:problem:idempotency-key-missing");
        TestHttp.Response first = api.refund(admin, key, paymentId, body, "ADMIN");
        TestHttp.Response retried = api.refund(admin, key, paymentId, body, "ADMIN");

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.body()).isEqualTo(first.body());
        assertThat(retried.header("Idempotency-Key")).isEqualTo(key);
        assertThat(refundCount(paymentId)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT refunded_amount FROM payments WHERE id = ?", Long.class, paymentId))
                .isEqualTo(1500L);
        assertThat(refundedPayloads(paymentId)).hasSize(1);
        // The same key with another body is a client bug, not a second refund.
        JsonNode reused = assertProblem(
                api.refund(admin, key, paymentId, "{\"amount\":1000,\"reason\":\"damaged\"}", "ADMIN"), 422);
        assertThat(reused.path("type").asString()).isEqualTo("urn:northwind:problem:idempotency-key-reused");
        assertThat(refundCount(paymentId)).isEqualTo(1);
    }

    @Test
    void givesARefusedRefundsKeyBackAndAnswersADuplicateInFlightWithConflict() {
        UUID paymentId = pay(paidOrder(1000));
        UUID admin = UUID.randomUUID();
        String key = "r-" + UUID.randomUUID();
        String tooMuch = "{\"amount\":1001,\"reason\":\"too much\"}";

        assertProblem(api.refund(admin, key, paymentId, tooMuch, "ADMIN"), 409);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM idempotency_records WHERE user_id = ? AND idempotency_key = ?",
                        Integer.class,
                        admin,
                        key))
                .isZero();

        // A request that claimed the key and is still running (its row is committed IN_PROGRESS).
        String running = "r-" + UUID.randomUUID();
        String body = "{\"reason\":\"goodwill\"}";
        assertThat(api.refund(admin, running, paymentId, body, "ADMIN").status())
                .isEqualTo(201);
        jdbc.update(
                "UPDATE idempotency_records SET state = 'IN_PROGRESS', response_status = NULL, response_body = NULL"
                        + " WHERE user_id = ? AND idempotency_key = ?",
                admin,
                running);
        JsonNode inFlight = assertProblem(api.refund(admin, running, paymentId, body, "ADMIN"), 409);
        assertThat(inFlight.path("type").asString()).isEqualTo("urn:northwind:problem:request-in-progress");
        assertThat(refundCount(paymentId)).isEqualTo(1);
    }

    @Test
    void concurrentRefundsNeverExceedTheCapturedAmount() throws Exception {
        UUID paymentId = pay(paidOrder(4999));
        List<CompletableFuture<TestHttp.Response>> attempts = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                attempts.add(CompletableFuture.supplyAsync(
                        () -> api.refund(paymentId, "{\"amount\":1000,\"reason\":\"race\"}", "ADMIN"), pool));
            }
        }
        List<Integer> statuses = attempts.stream().map(f -> f.join().status()).toList();

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(4);
        assertThat(statuses).filteredOn(s -> s != 201).containsOnly(409);
        assertThat(jdbc.queryForObject("SELECT refunded_amount FROM payments WHERE id = ?", Long.class, paymentId))
                .isEqualTo(4000L);
        assertThat(jdbc.queryForObject("SELECT sum(amount) FROM refunds WHERE payment_id = ?", Long.class, paymentId))
                .isEqualTo(4000L);
        assertThat(jdbc.queryForObject(
                        "SELECT sum(amount) FROM processor_refunds WHERE payment_id = ?", Long.class, paymentId))
                .isEqualTo(4000L);
    }

    @Test
    void refundsACancelledOrderOnceThoughOrderCancelledArrivesTwiceAndRefusesNewCharges() {
        UUID orderId = paidOrder(3000);
        UUID paymentId = pay(orderId);
        String payload = """
                {"orderId":"%s","userId":"%s","previousStatus":"PAID","reason":"customer",
                 "total":{"amount":3000,"currency":"EUR"},"cancelledAt":"%s"}""".formatted(orderId, customer, Instant.now());
        UUID eventId = UUID.randomUUID();

        publish(eventId, "OrderCancelled", orderId, payload);
        publish(eventId, "OrderCancelled", orderId, payload);
        // The same news under another event id (e.g. an admin's cancel racing the customer's): state checks hold.
        publish(UUID.randomUUID(), "OrderCancelled", orderId, payload);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM processed_events WHERE consumer = 'payment-service' AND event_id = ?",
                                Integer.class,
                                eventId)
                        == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> refundCount(paymentId) == 1);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> refundCount(paymentId) == 1);
        assertThat(jdbc.queryForMap("SELECT status, refunded_amount FROM payments WHERE id = ?", paymentId))
                .containsEntry("status", "REFUNDED")
                .containsEntry("refunded_amount", 3000L);
        assertThat(jdbc.queryForObject("SELECT reason FROM refunds WHERE payment_id = ?", String.class, paymentId))
                .isEqualTo("order-cancelled");
        assertThat(refundedPayloads(paymentId))
                .singleElement()
                .satisfies(event ->
                        assertThat(event.path("fullyRefunded").asBoolean()).isTrue());

        // order-service may still offer it (the stub does): the cancellation is remembered here.
        JsonNode problem = assertProblem(api.pay(customer, orderId, VISA), 409);
        assertThat(problem.path("type").asString()).isEqualTo("urn:northwind:problem:order-not-payable");
    }

    @Test
    void refundsTheRemainderOfAPartlyRefundedPaymentWhenItsOrderIsCancelled() {
        UUID orderId = paidOrder(3000);
        UUID paymentId = pay(orderId);
        assertThat(api.refund(paymentId, "{\"amount\":1000,\"reason\":\"damaged\"}", "ADMIN")
                        .status())
                .isEqualTo(201);

        publish(UUID.randomUUID(), "OrderCancelled", orderId, """
                {"orderId":"%s","userId":"%s","previousStatus":"SHIPPED","reason":"admin",
                 "total":{"amount":3000,"currency":"EUR"},"cancelledAt":"%s"}""".formatted(orderId, customer, Instant.now()));

        await().atMost(Duration.ofSeconds(30)).until(() -> refundCount(paymentId) == 2);
        assertThat(jdbc.queryForObject("SELECT refunded_amount FROM payments WHERE id = ?", Long.class, paymentId))
                .isEqualTo(3000L);
    }

    @Test
    void refundsARejectedPaymentInFullOnce() {
        UUID orderId = paidOrder(2000);
        UUID paymentId = pay(orderId);
        String payload = """
                {"orderId":"%s","paymentId":"%s","reason":"order-cancelled"}""".formatted(orderId, paymentId);

        publish(UUID.randomUUID(), "PaymentRejected", orderId, payload);
        publish(UUID.randomUUID(), "PaymentRejected", orderId, payload);

        await().atMost(Duration.ofSeconds(30)).until(() -> refundCount(paymentId) == 1);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> refundCount(paymentId) == 1);
        assertThat(jdbc.queryForObject("SELECT status FROM payments WHERE id = ?", String.class, paymentId))
                .isEqualTo("REFUNDED");
        assertThat(jdbc.queryForObject("SELECT reason FROM refunds WHERE payment_id = ?", String.class, paymentId))
                .isEqualTo("payment-rejected: order-cancelled");
    }

    @Test
    void anOrdersCancelAndItsPaymentsRejectionRefundOnceInEitherOrder() {
        // Two events of one order that another instance, or a redelivery after a claim, may apply in either order:
        // each refunds what is left under the payment's row lock, so the order they come in changes nothing.
        UUID cancelledFirst = paidOrder(2500);
        UUID cancelledFirstPayment = pay(cancelledFirst);
        UUID rejectedFirst = paidOrder(2500);
        UUID rejectedFirstPayment = pay(rejectedFirst);

        publish(UUID.randomUUID(), "OrderCancelled", cancelledFirst, orderCancelled(cancelledFirst, 2500));
        publish(UUID.randomUUID(), "PaymentRejected", cancelledFirst, rejected(cancelledFirst, cancelledFirstPayment));
        publish(UUID.randomUUID(), "PaymentRejected", rejectedFirst, rejected(rejectedFirst, rejectedFirstPayment));
        publish(UUID.randomUUID(), "OrderCancelled", rejectedFirst, orderCancelled(rejectedFirst, 2500));

        for (UUID payment : List.of(cancelledFirstPayment, rejectedFirstPayment)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> refundCount(payment) == 1);
        }
        await().during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(5))
                .until(() -> refundCount(cancelledFirstPayment) == 1 && refundCount(rejectedFirstPayment) == 1);
        for (UUID payment : List.of(cancelledFirstPayment, rejectedFirstPayment)) {
            assertThat(jdbc.queryForMap("SELECT status, refunded_amount FROM payments WHERE id = ?", payment))
                    .containsEntry("status", "REFUNDED")
                    .containsEntry("refunded_amount", 2500L);
            assertThat(refundedPayloads(payment)).singleElement();
        }
        for (UUID order : List.of(cancelledFirst, rejectedFirst)) {
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM cancelled_orders WHERE order_id = ?", Integer.class, order))
                    .as("order %s remembered as cancelled", order)
                    .isEqualTo(1);
        }
    }

    private String orderCancelled(UUID orderId, long total) {
        return """
                {"orderId":"%s","userId":"%s","previousStatus":"PAID","reason":"customer",
                 "total":{"amount":%d,"currency":"EUR"},"cancelledAt":"%s"}""".formatted(orderId, customer, total, Instant.now());
    }

    private static String rejected(UUID orderId, UUID paymentId) {
        return """
                {"orderId":"%s","paymentId":"%s","reason":"order-cancelled"}""".formatted(orderId, paymentId);
    }

    private void publish(UUID eventId, String type, UUID orderId, String payload) {
        redis.opsForStream()
                .add(MapRecord.create(
                        events.streamKey("orders.events"),
                        Map.of(
                                "id",
                                eventId.toString(),
                                "type",
                                type,
                                "occurredAt",
                                Instant.now().toString(),
                                "aggregateId",
                                orderId.toString(),
                                "aggregateVersion",
                                "1",
                                "payload",
                                payload)));
    }

    private int refundCount(UUID paymentId) {
        Integer count =
                jdbc.queryForObject("SELECT count(*) FROM refunds WHERE payment_id = ?", Integer.class, paymentId);
        return count == null ? 0 : count;
    }

    private List<JsonNode> refundedPayloads(UUID paymentId) {
        return jdbc
                .queryForList(
                        "SELECT payload::text FROM outbox_events WHERE aggregate_id = ? AND type = 'PaymentRefunded'"
                                + " ORDER BY aggregate_version",
                        String.class,
                        paymentId.toString())
                .stream()
                .map(JSON::readTree)
                .toList();
    }
}
