package com.northwind.shop.payments.payment;

import com.northwind.shop.payments.Money;
import com.northwind.shop.payments.processor.CardProcessor;
import com.northwind.shop.platform.events.Outbox;
import com.northwind.shop.platform.idempotency.IdempotencyRecords;
import com.northwind.shop.platform.idempotency.StoredResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gives money back. Every refund takes the payment's row lock first, so concurrent refunds (an admin's and the
 * saga's) queue up and never add up to more than was captured; each is stored, sent to the processor and published
 * as {@code PaymentRefunded} in one transaction. An admin's refund carries an {@code Idempotency-Key} with the
 * payments' semantics (per user, replay of the first answer, 422 for another body, 409 while in flight), so a retried
 * request never gives money back twice.
 */
@Service
public class RefundService {

    private final Payments payments;
    private final Refunds refunds;
    private final CardProcessor processor;
    private final Outbox outbox;
    private final IdempotencyRecords idempotency;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;

    RefundService(
            Payments payments,
            Refunds refunds,
            CardProcessor processor,
            Outbox outbox,
            JdbcTemplate jdbc,
            PlatformTransactionManager transactionManager,
            JsonMapper json,
            Clock clock) {
        this.clock = clock;
        this.payments = payments;
        this.refunds = refunds;
        this.processor = processor;
        this.outbox = outbox;
        this.idempotency = new IdempotencyRecords(jdbc);
        this.transactions = new TransactionTemplate(transactionManager);
        this.json = json;
    }

    /**
     * An admin's refund: {@code amount} or, without one, everything not yet refunded. A repeated {@code
     * Idempotency-Key} with the same request answers what the first one answered (201 and its refund); a refused
     * refund gives its key back, so the admin may retry with it.
     */
    public StoredResponse refund(UUID adminId, String key, UUID paymentId, @Nullable Long amount, String reason) {
        Optional<StoredResponse> replay = idempotency.claim(adminId, key, requestHash(paymentId, amount, reason));
        if (replay.isPresent()) {
            return replay.get();
        }
        try {
            return Objects.requireNonNull(transactions.execute(status -> {
                StoredResponse answer =
                        new StoredResponse(201, json.writeValueAsString(refundNow(paymentId, amount, reason)));
                // In the refund's transaction: a replay can never see a refund that did not commit, or miss one.
                idempotency.complete(adminId, key, answer);
                return answer;
            }));
        } catch (RuntimeException ex) {
            idempotency.abandon(adminId, key);
            throw ex;
        }
    }

    /**
     * The hash a repeated key is compared with; "refund" keeps an admin's key used for a payment of their own from
     * replaying that payment's answer here.
     */
    private String requestHash(UUID paymentId, @Nullable Long amount, String reason) {
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("refundOf", paymentId);
        canonical.put("amount", amount);
        canonical.put("reason", reason.strip());
        return IdempotencyRecords.requestHash(json.writeValueAsString(canonical));
    }

    private RefundResponse refundNow(UUID paymentId, @Nullable Long amount, String reason) {
        Payment payment = payments.lockById(paymentId).orElseThrow(() -> new PaymentNotFoundException(paymentId));
        if (!payment.isCaptured()) {
            throw new RefundRefusedException(
                    "Payment " + paymentId + " is " + payment.status() + "; only a captured payment can be refunded.");
        }
        long refundable = payment.refundable();
        if (refundable == 0) {
            throw new RefundRefusedException("Payment " + paymentId + " is already refunded in full.");
        }
        long wanted = amount != null ? amount : refundable;
        if (wanted > refundable) {
            throw new RefundRefusedException("Only " + refundable + " "
                    + payment.amount().currency() + " of payment " + paymentId + " can still be refunded.");
        }
        return refund(payment, wanted, reason);
    }

    /**
     * The saga's refund of everything captured and not yet refunded of an order's payments (its order was
     * cancelled); a repeat finds nothing left and does nothing.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<RefundResponse> refundOrder(UUID orderId, String reason) {
        return payments.lockByOrderId(orderId).stream()
                .filter(payment -> payment.refundable() > 0)
                .map(payment -> refund(payment, payment.refundable(), reason))
                .toList();
    }

    /** The saga's full refund of one payment (order-service rejected it); nothing if nothing is left to refund. */
    @Transactional(propagation = Propagation.MANDATORY)
    public @Nullable RefundResponse refundInFull(UUID paymentId, String reason) {
        Payment payment = payments.lockById(paymentId).orElse(null);
        if (payment == null || payment.refundable() == 0) {
            return null;
        }
        return refund(payment, payment.refundable(), reason);
    }

    private RefundResponse refund(Payment payment, long amount, String reason) {
        Instant now = clock.instant();
        UUID refundId = UUID.randomUUID();
        payment.refund(amount, now);
        processor.refund(refundId, payment.id(), amount);
        Refund refund = refunds.save(
                new Refund(refundId, payment.id(), amount, payment.amount().currency(), reason, now));
        Payment saved = payments.saveAndFlush(payment);
        Money refunded = new Money(amount, saved.amount().currency());
        boolean full = saved.status() == PaymentStatus.REFUNDED;
        outbox.append(
                new PaymentRefunded(
                        saved.id(), refundId, saved.orderId(), saved.userId(), refunded, saved.refunded(), full, now),
                saved.id(),
                saved.version());
        return new RefundResponse(
                Objects.requireNonNull(refund.id()), saved.id(), refunded, saved.refunded(), full, reason, now);
    }
}
