package com.northwind.shop.payments.payment;

import java.time.Instant;
import java.util.UUID;

/** A payment was not captured; reason {@code declined}, {@code insufficient_funds} or {@code processor_no_charge}. */
record PaymentFailed(UUID paymentId, UUID orderId, UUID userId, String reason, Instant failedAt)
        implements PaymentEvent {}
