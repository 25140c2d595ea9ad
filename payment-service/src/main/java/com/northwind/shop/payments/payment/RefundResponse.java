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
@Schema(example = """
                {"id": "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "paymentId": "d2f1e0c9-b8a7-4654-8321-0fedcba98765", "amount": {"amount": 500, "currency": "USD"}, "refundedTotal": {"amount": 500, "currency": "USD"}, "fullyRefunded": false, "reason": "damaged in transit", "createdAt": "2026-12-02T10:00:00Z"}
                """)
public record RefundResponse(
        UUID id,
        UUID paymentId,
        Money amount,
        Money refundedTotal,
        boolean fullyRefunded,
        @Schema(maxLength = 100) String reason,
        Instant createdAt) {}
