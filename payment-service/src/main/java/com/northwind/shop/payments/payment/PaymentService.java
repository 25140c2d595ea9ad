package com.northwind.shop.payments.payment;

import com.northwind.shop.payments.config.PaymentsProperties;
import com.northwind.shop.payments.order.OrderServiceClient;
import com.northwind.shop.payments.order.OrderSnapshot;
import com.northwind.shop.payments.payment.CreatePaymentRequest.CardRequest;
import com.northwind.shop.payments.processor.Card;
import com.northwind.shop.payments.processor.CardProcessor;
import com.northwind.shop.payments.processor.ChargeOutcome;
import com.northwind.shop.platform.events.Outbox;
import com.northwind.shop.platform.idempotency.IdempotencyRecords;
import com.northwind.shop.platform.idempotency.RequestInProgressException;
import com.northwind.shop.platform.idempotency.StoredResponse;
import com.northwind.shop.platform.problem.Problems;
import com.northwind.shop.platform.web.TraceIds;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pays orders. A payment is first written PENDING in a short transaction of its own (the partial unique index makes
 * it the order's only live payment), then the card is charged outside any transaction with a timeout, then the
 * outcome, its event and the idempotent answer are written in one transaction. A charge whose answer does not come
 * in time stays PENDING for the {@link PendingPaymentResolver}.
 */
@Service
public class PaymentService {

    private static final Logger log = LoggerFactory.getLogger(PaymentService.class);

    private final Payments payments;
    private final JdbcTemplate jdbc;
    private final IdempotencyRecords idempotency;
    private final CancelledOrders cancelledOrders;
    private final OrderServiceClient orders;
    private final CardProcessor processor;
    private final Outbox outbox;
    private final PaymentsProperties properties;
    private final TransactionTemplate transactions;
    private final TransactionTemplate readOnly;
    private final JsonMapper json;
    private final TraceIds traceIds;
    private final PaymentMetrics metrics;
    private final ExecutorService charges = Executors.newVirtualThreadPerTaskExecutor();
    private final Clock clock;

    PaymentService(
            Payments payments,
            JdbcTemplate jdbc,
            CancelledOrders cancelledOrders,
            OrderServiceClient orders,
            CardProcessor processor,
            Outbox outbox,
            PaymentsProperties properties,
            PlatformTransactionManager transactionManager,
            JsonMapper json,
            TraceIds traceIds,
            PaymentMetrics metrics,
            Clock clock) {
        this.clock = clock;
        this.payments = payments;
        this.jdbc = jdbc;
        this.metrics = metrics;
        this.idempotency = new IdempotencyRecords(jdbc);
        this.cancelledOrders = cancelledOrders;
        this.orders = orders;
        this.processor = processor;
        this.outbox = outbox;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
        this.json = json;
        this.traceIds = traceIds;
    }

    @PreDestroy
    void stop() {
        charges.shutdownNow();
    }

    /**
     * Pays one of the caller's orders with a card. A repeated {@code Idempotency-Key} with the same request answers
     * what the first one answered: 201 SUCCEEDED, 202 PENDING, or the 402 problem of a FAILED payment.
     */
    public StoredResponse pay(UUID userId, @Nullable String idempotencyKey, CreatePaymentRequest request) {
        String key = IdempotencyRecords.requireKey(idempotencyKey);
        UUID orderId = Objects.requireNonNull(request.orderId());
        CardRequest cardRequest = Objects.requireNonNull(request.card());
        Card card = CardCheck.check(cardRequest, YearMonth.now(ZoneOffset.UTC));
        String brand = CardCheck.brand(card.number());
        String requestHash = requestHash(orderId, cardRequest, card, brand);
        Optional<StoredResponse> replay = idempotency.claim(userId, key, requestHash, () -> startedBefore(userId, key));
        if (replay.isPresent()) {
            return replay.get();
        }
        Payment payment;
        try {
            payment = start(userId, orderId, card, brand, key);
        } catch (RuntimeException ex) {
            idempotency.abandon(userId, key);
            throw ex;
        }
        ChargeOutcome outcome = charge(payment, card);
        return Objects.requireNonNull(transactions.execute(status -> {
            Payment settled = settle(payment.id(), outcome);
            StoredResponse answer = answer(settled);
            idempotency.complete(userId, key, answer);
            return answer;
        }));
    }

    /**
     * The answer of the payment an earlier request with this key started before it died (a crash between the charge
     * and its commit), asked when its claim is taken over: a settled payment answers for it now, and completes the key's
     * record; a PENDING one is still in progress (the resolver settles it and completes the record). Empty if no
     * payment was started under the key.
     */
    private Optional<StoredResponse> startedBefore(UUID userId, String key) {
        Optional<Payment> found = Objects.requireNonNull(readOnly.execute(
                status -> payments.findFirstByUserIdAndIdempotencyKeyOrderByCreatedAtDesc(userId, key)));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (found.get().status() == PaymentStatus.PENDING) {
            // The claim stays IN_PROGRESS (not abandoned): whoever settles the payment completes it.
            throw new RequestInProgressException();
        }
        return Optional.of(Objects.requireNonNull(transactions.execute(status -> {
            StoredResponse answer = answer(found.get());
            idempotency.complete(userId, key, answer);
            return answer;
        })));
    }

    /**
     * Completes the Idempotency-Key record of a payment settled by someone other than its request (the resolver): a
     * request that died between the charge and its commit left its key in progress, and the client's retry now gets
     * the real answer instead of 409 for ever. A key whose request answered (202) keeps that first answer. Must run in
     * the settling transaction.
     */
    void completeKeyOf(Payment settled) {
        String key = settled.idempotencyKey();
        if (key != null && settled.status() != PaymentStatus.PENDING) {
            idempotency.completeIfInProgress(settled.userId(), key, answer(settled));
        }
    }

    /** Checks the order with order-service and writes the PENDING payment. */
    private Payment start(UUID userId, UUID orderId, Card card, String brand, String key) {
        OrderSnapshot order = orders.find(orderId)
                .filter(found -> found.userId().equals(userId))
                .orElseThrow(() -> new OrderNotFoundException(orderId));
        if (cancelledOrders.contains(orderId)) {
            throw new OrderNotPayableException("Order " + orderId + " was cancelled; it cannot be paid.");
        }
        if (!order.awaitsPayment()) {
            throw new OrderNotPayableException(
                    "Order " + orderId + " is " + order.status() + "; only an order awaiting payment can be paid.");
        }
        try {
            // Created at the database's time: the resolver compares it with the database's now().
            return Objects.requireNonNull(transactions.execute(status -> payments.saveAndFlush(Payment.pending(
                    orderId,
                    userId,
                    key,
                    order.total(),
                    brand,
                    card.last4(),
                    Objects.requireNonNull(jdbc.queryForObject("SELECT now()", java.sql.Timestamp.class))
                            .toInstant()))));
        } catch (DataIntegrityViolationException ex) {
            throw new PaymentExistsException(orderId);
        }
    }

    /** The processor's outcome, or {@code null} if it did not answer in time (or the call broke: outcome unknown). */
    private @Nullable ChargeOutcome charge(Payment payment, Card card) {
        Future<ChargeOutcome> call = charges.submit(() -> processor.charge(payment.id(), payment.amount(), card));
        try {
            return call.get(properties.processor().timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException ex) {
            call.cancel(true);
            log.warn("The processor did not answer for payment {} in time; it stays PENDING", payment.id());
            return null;
        } catch (ExecutionException ex) {
            log.warn("The processor call for payment {} failed; it stays PENDING", payment.id(), ex.getCause());
            return null;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            return null;
        }
    }

    /**
     * Applies a processor outcome to a PENDING payment under its row lock, with its event; a payment settled
     * meanwhile (by the resolver) is left alone. Must run in a transaction.
     */
    Payment settle(UUID paymentId, @Nullable ChargeOutcome outcome) {
        Payment payment = payments.lockById(paymentId).orElseThrow(() -> new PaymentNotFoundException(paymentId));
        if (outcome == null) {
            return payment;
        }
        Instant now = clock.instant();
        if (!payment.settle(outcome, now)) {
            return payment;
        }
        Payment saved = payments.saveAndFlush(payment);
        metrics.settled(saved);
        if (saved.status() == PaymentStatus.SUCCEEDED) {
            outbox.append(
                    new PaymentSucceeded(saved.id(), saved.orderId(), saved.userId(), saved.amount(), now),
                    saved.id(),
                    saved.version());
        } else {
            outbox.append(
                    new PaymentFailed(
                            saved.id(),
                            saved.orderId(),
                            saved.userId(),
                            Objects.requireNonNull(saved.failureReason()),
                            now),
                    saved.id(),
                    saved.version());
        }
        return saved;
    }

    /** The answer to the paying request: 201, 202 while PENDING, 402 problem when FAILED. */
    private StoredResponse answer(Payment payment) {
        PaymentResponse body = PaymentResponse.from(payment);
        return switch (payment.status()) {
            case PENDING -> new StoredResponse(202, json.writeValueAsString(body));
            case FAILED -> new StoredResponse(402, json.writeValueAsString(failure(body)));
            default -> new StoredResponse(201, json.writeValueAsString(body));
        };
    }

    /**
     * The 402 problem of a failed payment, complete as it is stored and replayed (instance and trace id included),
     * with the stored payment.
     */
    private Map<String, Object> failure(PaymentResponse payment) {
        boolean noFunds = "insufficient_funds".equals(payment.failureReason());
        ProblemDetail problem = Problems.complete(
                Problems.of(
                        HttpStatus.PAYMENT_REQUIRED,
                        noFunds
                                ? "The card has insufficient funds; the payment failed. Try another card."
                                : "The card was declined; the payment failed. Try another card.",
                        noFunds ? "insufficient-funds" : "card-declined"),
                "/api/payments",
                traceIds.of(null));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", String.valueOf(problem.getType()));
        body.put("title", String.valueOf(problem.getTitle()));
        body.put("status", problem.getStatus());
        body.put("detail", String.valueOf(problem.getDetail()));
        body.put("instance", String.valueOf(problem.getInstance()));
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        body.put("paymentId", payment.id());
        body.put("payment", payment);
        return body;
    }

    /**
     * The hash a repeated key is compared with. The card number enters it only as brand and last four digits and
     * the CVC not at all: a SHA-256 of a card number is easy to reverse, so it is never stored.
     */
    private String requestHash(UUID orderId, CardRequest request, Card card, String brand) {
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("orderId", orderId);
        canonical.put("brand", brand);
        canonical.put("last4", card.last4());
        canonical.put("expMonth", card.expMonth());
        canonical.put("expYear", card.expYear());
        canonical.put("holder", Objects.requireNonNull(request.holder()).strip());
        return IdempotencyRecords.requestHash(json.writeValueAsString(canonical));
    }

    /** One payment, for its owner or an admin; another user's payment is "not found". */
    public PaymentResponse get(UUID userId, boolean admin, UUID paymentId) {
        return Objects.requireNonNull(readOnly.execute(status -> payments.findById(paymentId)
                .filter(payment -> admin || payment.isOwnedBy(userId))
                .map(PaymentResponse::from)
                .orElseThrow(() -> new PaymentNotFoundException(paymentId))));
    }

    /** The payments of an order, oldest first: the owner's, or any for an admin. */
    public List<PaymentResponse> ofOrder(UUID userId, boolean admin, UUID orderId) {
        return Objects.requireNonNull(
                readOnly.execute(status -> payments.findByOrderIdOrderByCreatedAtAscIdAsc(orderId).stream()
                        .filter(payment -> admin || payment.isOwnedBy(userId))
                        .map(PaymentResponse::from)
                        .toList()));
    }
}
