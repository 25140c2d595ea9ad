package com.northwind.shop.payments;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An amount of money in integer minor units (cents) of an ISO-4217 currency; never floating point.
 *
 * @param amount the amount in minor units
 * @param currency the ISO-4217 code, e.g. {@code EUR}
 */
public record Money(
        @Schema(example = "1999", minimum = "0", maximum = "1000000000000")
        long amount,

        @Schema(example = "USD", pattern = "^[A-Z]{3}$", maxLength = 3)
        String currency) {}
