package com.northwind.shop.payments.payment;

import com.northwind.shop.payments.Money;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A payment as clients see it.
 *
 * @param id the payment
 * @param orderId the order it pays
 * @param status PENDING, SUCCEEDED, FAILED, PARTIALLY_REFUNDED or REFUNDED
 * @param amount the amount charged (the order's total)
 * @param refunded how much of it was refunded so far
 * @param brand the card's brand, e.g. VISA
 * @param last4 the card number's last four digits
 * @param failureReason why it failed ({@code declined}, {@code insufficient_funds}, ...), if it did
 * @param createdAt when it was made
 */
@Schema(example = """
                {"id": "d2f1e0c9-b8a7-4654-8321-0fedcba98765", "orderId": "7c9e6679-7425-40de-944b-e07fc1f90ae7", "status": "SUCCEEDED", "amount": {"amount": 2598, "currency": "USD"}, "refunded": {"amount": 0, "currency": "USD"}, "brand": "VISA", "last4": "4242", "failureReason": null, "createdAt": "2026-12-01T09:32:00Z"}
                """)
public record PaymentResponse(
        UUID id,
        UUID orderId,
        PaymentStatus status,
        Money amount,
        Money refunded,

        @Schema(
                types = {"string", "null"},
                maxLength = 20,
                example = "VISA")
        @Nullable
        String brand,

        @Schema(
                types = {"string", "null"},
                maxLength = 4,
                pattern = "^[0-9]{4}$",
                example = "4242")
        @Nullable
        String last4,

        @Schema(
                types = {"string", "null"},
                maxLength = 100,
                example = "card_declined")
        @Nullable
        String failureReason,

        Instant createdAt) {

    static PaymentResponse from(Payment payment) {
        return new PaymentResponse(
                payment.id(),
                payment.orderId(),
                payment.status(),
                payment.amount(),
                payment.refunded(),
                payment.cardBrand(),
                payment.cardLast4(),
                payment.failureReason(),
                payment.createdAt());
    }
}
