package com.northwind.shop.payments.payment;

import com.northwind.shop.payments.Money;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/**
 * A refund as clients see it.
 *
 * @param id the refund
 * @param paymentId the payment it gives back from
 * @param amount how much this refund gave back
 * @param refundedTotal how much of the payment is refunded now, this refund included
 * @param fullyRefunded whether the payment is now refunded in full
 * @param reason why
 * @param createdAt when
 */
public record RefundResponse(
        UUID id,
        UUID paymentId,
        Money amount,
        Money refundedTotal,
        boolean fullyRefunded,
        @Schema(maxLength = 100) String reason,
        Instant createdAt) {}
