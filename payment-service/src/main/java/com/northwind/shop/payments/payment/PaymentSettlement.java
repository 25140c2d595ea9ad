package com.northwind.shop.payments.payment;

import com.northwind.shop.payments.processor.ChargeOutcome;
import com.northwind.shop.platform.events.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Writes what the processor did with a charge, with its event, whoever learnt it: the paying request, or the
 * {@link PendingPaymentResolver} when that request's answer never came.
 */
@Component
class PaymentSettlement {

    private final Payments payments;
    private final Outbox outbox;
    private final PaymentMetrics metrics;
    private final Clock clock;

    PaymentSettlement(Payments payments, Outbox outbox, PaymentMetrics metrics, Clock clock) {
        this.payments = payments;
        this.outbox = outbox;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Applies a processor outcome to a PENDING payment under its row lock, with its event; a payment settled
     * meanwhile (by the resolver), or an unknown outcome ({@code null}), leaves it alone. Must run in a transaction.
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
}
