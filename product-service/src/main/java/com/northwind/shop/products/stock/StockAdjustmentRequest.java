package com.northwind.shop.products.stock;

import io.swagger.v3.oas.annotations.media.Schema;
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
@Schema(example = """
                {"delta": 25, "reason": "delivery 2026-12-01"}
                """)
record StockAdjustmentRequest(
        @Schema(example = "25") @NotNull @Min(-1_000_000) @Max(1_000_000)
        Integer delta,

        @Schema(example = "delivery 2026-12-01") @Size(max = 200) @Nullable
        String reason) {

    @AssertTrue(message = "delta must not be zero")
    boolean isNonZero() {
        return delta == null || delta != 0;
    }
}
