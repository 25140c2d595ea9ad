package com.northwind.shop.payments.payment;

import static com.northwind.shop.payments.payment.PaymentsClient.DECLINED;
import static com.northwind.shop.payments.payment.PaymentsClient.INSUFFICIENT_FUNDS;
import static com.northwind.shop.payments.payment.PaymentsClient.LOST_ANSWER;
import static com.northwind.shop.payments.payment.PaymentsClient.VISA;
import static com.northwind.shop.payments.payment.PaymentsClient.body;
import static com.northwind.shop.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.northwind.shop.payments.OrderServiceStub;
import com.northwind.shop.platform.events.StreamKeys;
import com.northwind.shop.platform.test.RealInfrastructure;
import com.northwind.shop.platform.test.TestHttp;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class PaymentApiTests {

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

    @Autowired
    PendingPaymentResolver resolver;

    @Autowired
    IdempotencyPurgeJob purge;

    @Autowired
    MeterRegistry meters;

    PaymentsClient api;

    @BeforeEach
    void connect() {
        api = new PaymentsClient(port);
    }

    private UUID payableOrder(long amount) {
        UUID orderId = UUID.randomUUID();
        orders.order(orderId, customer, "AWAITING_PAYMENT", amount);
        return orderId;
    }

    @Test
    void chargesTheOrderTotalAndPublishesPaymentSucceeded() {
        UUID orderId = payableOrder(4999);

        TestHttp.Response response = api.pay(customer, orderId, VISA);

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode payment = response.json();
        UUID id = UUID.fromString(payment.path("id").asString());
        assertThat(payment.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(payment.path("orderId").asString()).isEqualTo(orderId.toString());
        assertThat(payment.path("amount").path("amount").asLong()).isEqualTo(4999);
        assertThat(payment.path("amount").path("currency").asString()).isEqualTo("EUR");
        assertThat(payment.path("brand").asString()).isEqualTo("VISA");
        assertThat(payment.path("last4").asString()).isEqualTo("4242");
        assertThat(response.body()).doesNotContain(VISA);
        assertThat(jdbc.queryForObject("SELECT status FROM payments WHERE id = ?", String.class, id))
                .isEqualTo("SUCCEEDED");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM processor_charges WHERE payment_id = ? AND outcome = 'SUCCEEDED'",
                        Integer.class,
                        id))
                .isEqualTo(1);
        // The order was looked up with payment-service's own service token (the stub answers no other).
        assertThat(orders.lookUpsOf(orderId)).isEqualTo(1);

        MapRecord<String, Object, Object> event = await().atMost(Duration.ofSeconds(30))
                .until(() -> streamEvent(id, "PaymentSucceeded"), found -> found != null);
        JsonNode payload = JSON.readTree((String) event.getValue().get("payload"));
        assertThat(payload.path("paymentId").asString()).isEqualTo(id.toString());
        assertThat(payload.path("orderId").asString()).isEqualTo(orderId.toString());
        assertThat(payload.path("userId").asString()).isEqualTo(customer.toString());
        assertThat(payload.path("amount").path("amount").asLong()).isEqualTo(4999);
        assertThat(payload.path("amount").path("currency").asString()).isEqualTo("EUR");
        assertThat(payload.path("succeededAt").asString()).isNotBlank();
        assertThat(api.get(customer, "/api/payments/" + id).json()).isEqualTo(payment);
    }

    @Test
    void countsEachSettledChargeByOutcome() {
        double succeeded = outcomes("succeeded");
        double declined = outcomes("declined");
        double insufficient = outcomes("insufficient_funds");

        assertThat(api.pay(customer, payableOrder(1000), VISA).status()).isEqualTo(201);
        assertThat(api.pay(customer, payableOrder(1000), DECLINED).status()).isEqualTo(402);
        assertThat(api.pay(customer, payableOrder(1000), INSUFFICIENT_FUNDS).status())
                .isEqualTo(402);

        assertThat(outcomes("succeeded")).isEqualTo(succeeded + 1);
        assertThat(outcomes("declined")).isEqualTo(declined + 1);
        assertThat(outcomes("insufficient_funds")).isEqualTo(insufficient + 1);
    }

    private double outcomes(String outcome) {
        return meters.get("shop.payments").tag("outcome", outcome).counter().count();
    }

    @Test
    void storesADeclinedCardAsAFailedPaymentAndAnswers402() {
        UUID orderId = payableOrder(1000);

        JsonNode problem = assertProblem(api.pay(customer, orderId, DECLINED), 402);

        assertThat(problem.path("type").asString()).isEqualTo("urn:northwind:problem:card-declined");
        UUID id = UUID.fromString(problem.path("paymentId").asString());
        assertThat(problem.path("payment").path("status").asString()).isEqualTo("FAILED");
        assertThat(problem.path("payment").path("last4").asString()).isEqualTo("0002");
        assertThat(jdbc.queryForMap("SELECT status, failure_reason FROM payments WHERE id = ?", id))
                .containsEntry("status", "FAILED")
                .containsEntry("failure_reason", "declined");
        assertThat(outboxTypes(id)).containsExactly("PaymentFailed");
        assertThat(outboxPayload(id, "PaymentFailed").path("reason").asString()).isEqualTo("declined");
    }

    @Test
    void storesInsufficientFundsAsAFailedPaymentWithItsOwnProblemType() {
        UUID orderId = payableOrder(1000);

        JsonNode problem = assertProblem(api.pay(customer, orderId, INSUFFICIENT_FUNDS), 402);

        assertThat(problem.path("type").asString()).isEqualTo("urn:northwind:problem:insufficient-funds");
        UUID id = UUID.fromString(problem.path("paymentId").asString());
        assertThat(jdbc.queryForObject("SELECT failure_reason FROM payments WHERE id = ?", String.class, id))
                .isEqualTo("insufficient_funds");
        assertThat(outboxPayload(id, "PaymentFailed").path("reason").asString()).isEqualTo("insufficient_funds");
    }

    @Test
    void acceptsAnotherCardAfterAFailedPayment() {
        UUID orderId = payableOrder(1000);
        assertProblem(api.pay(customer, orderId, DECLINED), 402);

        TestHttp.Response second = api.pay(customer, orderId, VISA);

        assertThat(second.status()).as(second.body()).isEqualTo(201);
        assertThat(api.get(customer, "/api/payments?orderId=" + orderId).json())
                .extracting(node -> node.path("status").asString())
                .containsExactly("FAILED", "SUCCEEDED");
    }

    @Test
    void neverChargesAnOrderTwice() {
        UUID orderId = payableOrder(1000);
        assertThat(api.pay(customer, orderId, VISA).status()).isEqualTo(201);

        JsonNode problem = assertProblem(api.pay(customer, orderId, VISA), 409);

        assertThat(problem.path("type").asString()).isEqualTo("urn:northwind:problem:payment-exists");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payments WHERE order_id = ?", Integer.class, orderId))
                .isEqualTo(1);
    }

    @Test
    void leavesALostAnswerPendingAndTheResolverSettlesItExactlyOnce() {
        UUID orderId = payableOrder(2500);
        String key = "k-" + UUID.randomUUID();

        TestHttp.Response response = api.pay(customer, key, body(orderId, LOST_ANSWER));

        assertThat(response.status()).as(response.body()).isEqualTo(202);
        assertThat(response.json().path("status").asString()).isEqualTo("PENDING");
        UUID id = UUID.fromString(response.json().path("id").asString());
        // The processor recorded the charge even though its answer never arrived.
        assertThat(jdbc.queryForObject("SELECT outcome FROM processor_charges WHERE payment_id = ?", String.class, id))
                .isEqualTo("SUCCEEDED");
        assertThat(outboxTypes(id)).isEmpty();
        // A second card attempt while the first is unresolved could charge twice: refused.
        assertProblem(api.pay(customer, orderId, VISA), 409);

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    resolver.resolveDue();
                    return "SUCCEEDED"
                            .equals(jdbc.queryForObject("SELECT status FROM payments WHERE id = ?", String.class, id));
                });
        resolver.resolveDue();

        assertThat(outboxTypes(id)).containsExactly("PaymentSucceeded");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM processor_charges WHERE payment_id = ?", Integer.class, id))
                .isEqualTo(1);
        assertThat(api.get(customer, "/api/payments/" + id)
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("SUCCEEDED");
        // The key answers what it first answered.
        TestHttp.Response replay = api.pay(customer, key, body(orderId, LOST_ANSWER));
        assertThat(replay.status()).isEqualTo(202);
        assertThat(replay.body()).isEqualTo(response.body());
    }

    @Test
    void aRetryAfterACrashBetweenChargeAndCommitGetsThePaymentTheResolverSettled() {
        UUID orderId = payableOrder(2500);
        String key = "k-" + UUID.randomUUID();
        TestHttp.Response first = api.pay(customer, key, body(orderId, LOST_ANSWER));
        assertThat(first.status()).as(first.body()).isEqualTo(202);
        UUID id = UUID.fromString(first.json().path("id").asString());
        // As if the process had died after the charge and before the commit that stores the answer.
        crashedBeforeAnswering(key, Duration.ZERO);
        assertProblem(api.pay(customer, key, body(orderId, LOST_ANSWER)), 409);

        settle(id);

        TestHttp.Response retry = api.pay(customer, key, body(orderId, LOST_ANSWER));
        assertThat(retry.status()).as(retry.body()).isEqualTo(201);
        assertThat(retry.json().path("id").asString()).isEqualTo(id.toString());
        assertThat(retry.json().path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(api.pay(customer, key, body(orderId, LOST_ANSWER)).body()).isEqualTo(retry.body());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payments WHERE order_id = ?", Integer.class, orderId))
                .isEqualTo(1);
    }

    @Test
    void aRetryTakingOverADeadRequestsKeyGetsItsPaymentAndNeverStartsAnother() {
        UUID orderId = payableOrder(2600);
        String key = "k-" + UUID.randomUUID();
        TestHttp.Response first = api.pay(customer, key, body(orderId, LOST_ANSWER));
        assertThat(first.status()).as(first.body()).isEqualTo(202);
        UUID id = UUID.fromString(first.json().path("id").asString());
        // The request died long enough ago for its claim to count as abandoned; its payment is still PENDING.
        crashedBeforeAnswering(key, Duration.ofMinutes(3));

        JsonNode pending = assertProblem(api.pay(customer, key, body(orderId, LOST_ANSWER)), 409);
        assertThat(pending.path("type").asString()).isEqualTo("urn:northwind:problem:request-in-progress");
        settle(id);
        // Settled, but the record is in progress again and old (say the resolver ran before this column existed).
        crashedBeforeAnswering(key, Duration.ofMinutes(3));

        TestHttp.Response retry = api.pay(customer, key, body(orderId, LOST_ANSWER));
        assertThat(retry.status()).as(retry.body()).isEqualTo(201);
        assertThat(retry.json().path("id").asString()).isEqualTo(id.toString());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payments WHERE order_id = ?", Integer.class, orderId))
                .isEqualTo(1);
    }

    private void crashedBeforeAnswering(String key, Duration ago) {
        jdbc.update(
                "UPDATE idempotency_records SET state = 'IN_PROGRESS', response_status = NULL, response_body = NULL,"
                        + " created_at = now() - make_interval(secs => ?) WHERE user_id = ? AND idempotency_key = ?",
                ago.toSeconds(),
                customer,
                key);
    }

    private void settle(UUID id) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    resolver.resolveDue();
                    return "SUCCEEDED"
                            .equals(jdbc.queryForObject("SELECT status FROM payments WHERE id = ?", String.class, id));
                });
    }

    @Test
    void settlesAPendingPaymentWhoseChargeNeverReachedTheProcessorAsFailed() {
        UUID orderId = payableOrder(700);
        UUID id = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO payments (id, order_id, user_id, status, amount, currency, card_brand, card_last4,
                                      created_at, updated_at)
                VALUES (?, ?, ?, 'PENDING', 700, 'EUR', 'VISA', '4242', now() - interval '1 minute', now())
                """, id, orderId, customer);

        resolver.resolveDue();

        assertThat(jdbc.queryForMap("SELECT status, failure_reason FROM payments WHERE id = ?", id))
                .containsEntry("status", "FAILED")
                .containsEntry("failure_reason", "processor_no_charge");
        // The processor will never accept a late charge under that id.
        assertThat(jdbc.queryForObject("SELECT outcome FROM processor_charges WHERE payment_id = ?", String.class, id))
                .isEqualTo("CANCELLED");
        assertThat(outboxTypes(id)).containsExactly("PaymentFailed");
    }

    @Test
    void replaysTheFirstAnswerForTheSameKeyAndBody() {
        UUID orderId = payableOrder(1234);
        String key = "k-" + UUID.randomUUID();

        TestHttp.Response first = api.pay(customer, key, body(orderId, VISA));
        TestHttp.Response second = api.pay(customer, key, body(orderId, VISA));

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payments WHERE order_id = ?", Integer.class, orderId))
                .isEqualTo(1);
        assertThat(orders.lookUpsOf(orderId)).isEqualTo(1);
    }

    @Test
    void replaysADeclineWithItsStatusAndBody() {
        UUID orderId = payableOrder(1234);
        String key = "k-" + UUID.randomUUID();

        TestHttp.Response first = api.pay(customer, key, body(orderId, DECLINED));
        TestHttp.Response second = api.pay(customer, key, body(orderId, DECLINED));

        assertProblem(first, 402);
        assertProblem(second, 402);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payments WHERE order_id = ?", Integer.class, orderId))
                .isEqualTo(1);
    }

    @Test
    void rejectsTheSameKeyWithAnotherBody() {
        UUID orderId = payableOrder(1234);
        String key = "k-" + UUID.randomUUID();
        assertThat(api.pay(customer, key, body(orderId, VISA)).status()).isEqualTo(201);

        JsonNode problem = assertProblem(api.pay(customer, key, body(payableOrder(99), VISA)), 422);

        assertThat(problem.path("type").asString()).isEqualTo("urn:northwind:problem:idempotency-key-reused");
    }

    @Test
    void keysBelongToTheirUser() {
        UUID orderId = payableOrder(1234);
        String key = "k-" + UUID.randomUUID();
        assertThat(api.pay(customer, key, body(orderId, VISA)).status()).isEqualTo(201);
        UUID other = UUID.randomUUID();
        UUID theirOrder = UUID.randomUUID();
        orders.order(theirOrder, other, "AWAITING_PAYMENT", 10);

        assertThat(api.pay(other, key, body(theirOrder, VISA)).status()).isEqualTo(201);
    }

    @Test
    void answersADuplicateStillInFlightWithConflict() throws Exception {
        UUID orderId = payableOrder(1234);
        String key = "k-" + UUID.randomUUID();

        CompletableFuture<TestHttp.Response> first =
                CompletableFuture.supplyAsync(() -> api.pay(customer, key, body(orderId, LOST_ANSWER)));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM processor_charges c JOIN payments p ON p.id = c.payment_id"
                                        + " WHERE p.order_id = ?",
                                Integer.class,
                                orderId)
                        == 1);
        TestHttp.Response duplicate = api.pay(customer, key, body(orderId, LOST_ANSWER));

        JsonNode problem = assertProblem(duplicate, 409);
        assertThat(problem.path("type").asString()).isEqualTo("urn:northwind:problem:request-in-progress");
        assertThat(first.get().status()).isEqualTo(202);
        assertThat(api.pay(customer, key, body(orderId, LOST_ANSWER)).body())
                .isEqualTo(first.get().body());
    }

    @Test
    void answersNotFoundForAnotherUsersOrderAndForAnUnknownOne() {
        UUID theirs = UUID.randomUUID();
        orders.order(theirs, UUID.randomUUID(), "AWAITING_PAYMENT", 1000);
        UUID unknown = UUID.randomUUID();
        orders.unknownOrder(unknown);
        String key = "k-" + UUID.randomUUID();

        assertProblem(api.pay(customer, key, body(theirs, VISA)), 404);
        assertProblem(api.pay(customer, "k-" + UUID.randomUUID(), body(unknown, VISA)), 404);

        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM payments WHERE order_id IN (?, ?)", Integer.class, theirs, unknown))
                .isZero();
        // The key was given up: it can be used for a payable order.
        assertThat(api.pay(customer, key, body(payableOrder(5), VISA)).status()).isEqualTo(201);
    }

    @Test
    void answersConflictForAnOrderThatIsNotAwaitingPayment() {
        UUID paid = UUID.randomUUID();
        orders.order(paid, customer, "PAID", 1000);
        UUID cancelled = UUID.randomUUID();
        orders.order(cancelled, customer, "CANCELLED", 1000);

        assertThat(assertProblem(api.pay(customer, paid, VISA), 409)
                        .path("type")
                        .asString())
                .isEqualTo("urn:northwind:problem:order-not-payable");
        assertProblem(api.pay(customer, cancelled, VISA), 409);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM processor_charges c JOIN payments p ON p.id = c.payment_id"
                                + " WHERE p.order_id IN (?, ?)",
                        Integer.class,
                        paid,
                        cancelled))
                .isZero();
    }

    @Test
    void refusesAnOrderKnownToBeCancelledEvenIfOrderServiceStillOffersIt() {
        UUID orderId = payableOrder(1000);
        jdbc.update("INSERT INTO cancelled_orders (order_id, cancelled_at) VALUES (?, now())", orderId);

        JsonNode problem = assertProblem(api.pay(customer, orderId, VISA), 409);

        assertThat(problem.path("type").asString()).isEqualTo("urn:northwind:problem:order-not-payable");
    }

    @Test
    void rejectsAnInvalidCardWithFieldErrorsThatNeverRepeatIt() {
        UUID orderId = payableOrder(1000);
        String badLuhn = "4242424242424241";

        TestHttp.Response response = api.pay(customer, "k-" + UUID.randomUUID(), body(orderId, badLuhn, "12", 1, 2020));

        JsonNode problem = assertProblem(response, 400);
        assertThat(problem.path("type").asString()).isEqualTo("urn:northwind:problem:validation");
        assertThat(problem.path("errors"))
                .extracting(error -> error.path("field").asString())
                .containsExactlyInAnyOrder("card.number", "card.expYear", "card.cvc");
        assertThat(response.body())
                .doesNotContain(badLuhn)
                .doesNotContain("\"12\"")
                .doesNotContain("4241");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payments WHERE order_id = ?", Integer.class, orderId))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM idempotency_records WHERE user_id = ?", Integer.class, customer))
                .isZero();
    }

    @Test
    void rejectsAMissingKeyMalformedJsonAndMissingFields() {
        UUID orderId = payableOrder(1000);

        assertThat(assertProblem(api.pay(customer, (String) null, body(orderId, VISA)), 400)
                        .path("type")
                        .asString())
                .isEqualTo("urn:northwind:problem:idempotency-key-missing");
        assertProblem(api.pay(customer, "k-" + UUID.randomUUID(), "{\"orderId\":"), 400);
        JsonNode missing =
                assertProblem(api.pay(customer, "k-" + UUID.randomUUID(), "{\"orderId\":\"" + orderId + "\"}"), 400);
        assertThat(missing.path("errors"))
                .extracting(error -> error.path("field").asString())
                .contains("card");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payments WHERE order_id = ?", Integer.class, orderId))
                .isZero();
    }

    @Test
    void requiresATokenAndLeavesRefundsToAdmins() {
        assertProblem(
                api.send(
                        "POST",
                        "/api/payments",
                        body(UUID.randomUUID(), VISA),
                        Map.of("Content-Type", "application/json", "Idempotency-Key", "k")),
                401);
        assertProblem(api.refund(UUID.randomUUID(), "{\"reason\":\"goodwill\"}", "CUSTOMER"), 403);
    }

    @Test
    void showsPaymentsToTheirOwnerAndToAdminsOnly() {
        UUID orderId = payableOrder(1000);
        UUID id = UUID.fromString(
                api.pay(customer, orderId, VISA).json().path("id").asString());
        UUID stranger = UUID.randomUUID();

        assertProblem(api.get(stranger, "/api/payments/" + id), 404);
        assertThat(api.get(stranger, "/api/payments?orderId=" + orderId).json()).isEmpty();
        assertThat(api.get(stranger, "/api/payments/" + id, "ADMIN").status()).isEqualTo(200);
        assertThat(api.get(stranger, "/api/payments?orderId=" + orderId, "ADMIN")
                        .json())
                .hasSize(1);
        assertThat(api.get(customer, "/api/payments?orderId=" + orderId).json()).hasSize(1);
        assertProblem(api.get(customer, "/api/payments"), 400);
    }

    @Test
    void keepsKeysForADayAndPurgesThemAfterTwo() {
        UUID user = UUID.randomUUID();
        String insert = """
                INSERT INTO idempotency_records (user_id, idempotency_key, request_hash, state, created_at)
                VALUES (?, ?, repeat('a', 64), 'DONE', now() - ?::interval)
                """;
        jdbc.update(insert, user, "day-old", "25 hours");
        jdbc.update(insert, user, "three-days-old", "72 hours");

        purge.purge();

        assertThat(jdbc.queryForList(
                        "SELECT idempotency_key FROM idempotency_records WHERE user_id = ?", String.class, user))
                .containsExactly("day-old");
    }

    private MapRecord<String, Object, Object> streamEvent(UUID paymentId, String type) {
        return redis.opsForStream().range(events.streamKey("payments.events"), Range.unbounded()).stream()
                .filter(entry -> paymentId.toString().equals(entry.getValue().get("aggregateId")))
                .filter(entry -> type.equals(entry.getValue().get("type")))
                .findFirst()
                .orElse(null);
    }

    private java.util.List<String> outboxTypes(UUID paymentId) {
        return jdbc.queryForList(
                "SELECT type FROM outbox_events WHERE aggregate_id = ? AND stream = 'payments.events' ORDER BY occurred_at",
                String.class,
                paymentId.toString());
    }

    private JsonNode outboxPayload(UUID paymentId, String type) {
        return JSON.readTree(jdbc.queryForObject(
                "SELECT payload::text FROM outbox_events WHERE aggregate_id = ? AND type = ?",
                String.class,
                paymentId.toString(),
                type));
    }
}
