package com.northwind.shop.payments.payment;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /api/payments/{id}/refunds} (admin).
 *
 * @param amount minor units to refund, in the payment's currency; absent: everything not yet refunded. At most
 *     {@link #MAX_AMOUNT}, the catalog's highest price (a larger refund exceeds any payment anyway: 409)
 * @param reason why, kept with the refund
 */
@Schema(example = """
                {"amount": 500, "reason": "damaged in transit"}
                """)
public record RefundRequest(
        @Schema(example = "500") @Positive @Max(MAX_AMOUNT) @Nullable
        Long amount,

        @Schema(example = "damaged in transit") @NotBlank @Size(max = 100) @Nullable
        String reason) {

    /** Matches product-service's highest price, so no real refund is refused by it. */
    public static final long MAX_AMOUNT = 1_000_000_000L;
}
