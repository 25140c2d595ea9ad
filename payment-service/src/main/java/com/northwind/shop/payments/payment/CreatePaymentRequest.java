package com.northwind.shop.payments.payment;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /api/payments}: pay one of the caller's orders with a card. The amount is the order's total, never the
 * client's.
 *
 * @param orderId the order to pay
 * @param card the card to charge
 */
@Schema(example = """
                {"orderId": "7c9e6679-7425-40de-944b-e07fc1f90ae7", "card": {"number": "4242424242424242", "expMonth": 12, "expYear": 2030, "cvc": "123", "holder": "Ada Lovelace"}}
                """)
public record CreatePaymentRequest(
        @Schema(example = "7c9e6679-7425-40de-944b-e07fc1f90ae7") @NotNull @Nullable
        UUID orderId,

        @NotNull @Valid @Nullable CardRequest card) {

    /**
     * A card as the client sends it. Luhn, expiry and CVC are checked by the service, whose errors never repeat the
     * number or the CVC; {@link #toString()} masks both.
     *
     * @param number the card number (digits; spaces allowed)
     * @param expMonth the expiry month, 1 to 12
     * @param expYear the expiry year, four digits
     * @param cvc the 3-digit code (4 for American Express)
     * @param holder the cardholder's name
     */
    public record CardRequest(
            @Schema(example = "4242424242424242", pattern = "^[0-9 ]+$") @NotNull @Size(max = 23) @Nullable
            String number,

            @Schema(example = "12") @NotNull @Min(1) @Max(12) @Nullable
            Integer expMonth,

            @Schema(example = "2030") @NotNull @Min(1000) @Max(9999) @Nullable
            Integer expYear,

            @Schema(example = "123", pattern = "^[0-9]{3,4}$") @NotNull @Size(max = 4) @Nullable
            String cvc,

            @Schema(example = "Ada Lovelace") @NotNull @Size(max = 100) @Nullable
            String holder) {

        @Override
        public String toString() {
            return "CardRequest[number=****, cvc=***]";
        }
    }
}
