package com.northwind.shop.payments.payment;

import com.northwind.shop.payments.order.OrderServiceClient;
import com.northwind.shop.payments.order.OrderSnapshot;
import com.northwind.shop.payments.payment.CreatePaymentRequest.CardRequest;
import com.northwind.shop.payments.processor.Card;
import com.northwind.shop.payments.processor.ChargeOutcome;
import com.northwind.shop.platform.idempotency.IdempotencyRecords;
import com.northwind.shop.platform.idempotency.RequestInProgressException;
import com.northwind.shop.platform.idempotency.StoredResponse;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pays orders. A payment is first written PENDING in a short transaction of its own (the partial unique index makes
 * it the order's only live payment), then the card is charged outside any transaction with a timeout
 * ({@link CardCharges}), then the outcome, its event ({@link PaymentSettlement}) and the idempotent answer
 * ({@link PaymentAnswers}) are written in one transaction. A charge whose answer does not come in time stays PENDING
 * for the {@link PendingPaymentResolver}.
 */
@Service
class PaymentService {

    private final Payments payments;
    private final JdbcTemplate jdbc;
    private final IdempotencyRecords idempotency;
    private final CancelledOrders cancelledOrders;
    private final OrderServiceClient orders;
    private final CardCharges charges;
    private final PaymentSettlement settlement;
    private final PaymentAnswers answers;
    private final TransactionTemplate transactions;
    private final TransactionTemplate readOnly;
    private final JsonMapper json;

    PaymentService(
            Payments payments,
            JdbcTemplate jdbc,
            CancelledOrders cancelledOrders,
            OrderServiceClient orders,
            CardCharges charges,
            PaymentSettlement settlement,
            PaymentAnswers answers,
            PlatformTransactionManager transactionManager,
            JsonMapper json) {
        this.payments = payments;
        this.jdbc = jdbc;
        this.idempotency = new IdempotencyRecords(jdbc);
        this.cancelledOrders = cancelledOrders;
        this.orders = orders;
        this.charges = charges;
        this.settlement = settlement;
        this.answers = answers;
        this.transactions = new TransactionTemplate(transactionManager);
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
        this.json = json;
    }

    /**
     * Pays one of the caller's orders with a card. A repeated {@code Idempotency-Key} ({@code key}) with the same
     * request answers what the first one answered: 201 SUCCEEDED, 202 PENDING, or the 402 problem of a FAILED payment.
     */
    StoredResponse pay(UUID userId, String key, CreatePaymentRequest request) {
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
        ChargeOutcome outcome = charges.charge(payment, card);
        return Objects.requireNonNull(transactions.execute(
                status -> answers.complete(userId, key, settlement.settle(payment.id(), outcome))));
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
        return Optional.of(
                Objects.requireNonNull(transactions.execute(status -> answers.complete(userId, key, found.get()))));
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
}
