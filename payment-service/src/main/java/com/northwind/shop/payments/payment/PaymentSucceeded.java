package com.northwind.shop.payments.payment;

import com.northwind.shop.payments.Money;
import java.time.Instant;
import java.util.UUID;

/** A payment captured its order's total. */
record PaymentSucceeded(UUID paymentId, UUID orderId, UUID userId, Money amount, Instant succeededAt)
        implements PaymentEvent {}
