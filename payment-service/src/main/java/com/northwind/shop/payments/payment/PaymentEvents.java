package com.northwind.shop.payments.payment;

import com.northwind.shop.payments.Money;
import java.time.Instant;
import java.util.UUID;

/** The events payment-service publishes on {@code payments.events}; their JSON is the saga's contract. */
final class PaymentEvents {

    static final String STREAM = "payments.events";

    private PaymentEvents() {}

    /** A payment captured its order's total. */
    record PaymentSucceeded(UUID paymentId, UUID orderId, UUID userId, Money amount, Instant succeededAt) {

        static final String TYPE = "PaymentSucceeded";
    }

    /** A payment was not captured; reason {@code declined}, {@code insufficient_funds} or {@code processor_no_charge}. */
    record PaymentFailed(UUID paymentId, UUID orderId, UUID userId, String reason, Instant failedAt) {

        static final String TYPE = "PaymentFailed";
    }

    /** Part or all of a captured payment was given back. */
    record PaymentRefunded(
            UUID paymentId,
            UUID refundId,
            UUID orderId,
            UUID userId,
            Money amount,
            Money refundedTotal,
            boolean fullyRefunded,
            Instant refundedAt) {

        static final String TYPE = "PaymentRefunded";
    }
}
