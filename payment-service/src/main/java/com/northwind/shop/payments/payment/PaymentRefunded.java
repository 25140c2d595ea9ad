package com.northwind.shop.payments.payment;

import com.northwind.shop.payments.Money;
import java.time.Instant;
import java.util.UUID;

/** Part or all of a captured payment was given back. */
record PaymentRefunded(
        UUID paymentId,
        UUID refundId,
        UUID orderId,
        UUID userId,
        Money amount,
        Money refundedTotal,
        boolean fullyRefunded,
        Instant refundedAt)
        implements PaymentEvent {}
