package com.northwind.shop.payments.payment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /api/payments/{id}/refunds} (admin).
 *
 * @param amount minor units to refund, in the payment's currency; absent: everything not yet refunded
 * @param reason why, kept with the refund
 */
public record RefundRequest(
        @Positive @Nullable Long amount,
        @NotBlank @Size(max = 100) @Nullable String reason) {}
