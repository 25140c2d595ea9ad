package com.northwind.shop.products.catalog;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * An amount of money in integer minor units (cents for USD) of an ISO-4217 currency; never a floating point number.
 *
 * @param amount minor units, e.g. 1999 for 19.99 USD
 * @param currency ISO-4217 code, e.g. USD
 */
public record Money(
        @Schema(example = "1999") @NotNull @PositiveOrZero Long amount,

        @Schema(example = "USD")
        @NotNull
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO-4217 code such as USD")
        String currency) {}
