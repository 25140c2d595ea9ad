package com.northwind.shop.products.catalog;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * An amount of money in integer minor units (cents for USD) of an ISO-4217 currency; never a floating point number.
 *
 * @param amount minor units, e.g. 1999 for 19.99 USD; at most {@link #MAX_AMOUNT}
 * @param currency ISO-4217 code, e.g. USD
 */
public record Money(
        @Schema(example = "1999") @NotNull @PositiveOrZero @Max(MAX_AMOUNT)
        Long amount,

        @Schema(example = "USD")
        @NotNull
        @Size(min = 3, max = 3)
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO-4217 code such as USD")
        String currency) {

    /**
     * The highest price: 10 million in major units. Order totals (at most 50 lines of 100 units) stay far from
     * overflowing a long, and every amount is below 2^53, so a JavaScript client holds it exactly.
     */
    public static final long MAX_AMOUNT = 1_000_000_000L;
}
