package com.northwind.shop.products.catalog;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Units added to (positive) or removed from (negative) the shelf, e.g. a delivery or a write-off.
 *
 * @param delta the change in units on the shelf; never zero
 * @param reason why, for the log
 */
record StockAdjustmentRequest(
        @NotNull @Min(-1_000_000) @Max(1_000_000) Integer delta,
        @Size(max = 200) @Nullable String reason) {

    @AssertTrue(message = "delta must not be zero")
    boolean isNonZero() {
        return delta == null || delta != 0;
    }
}
