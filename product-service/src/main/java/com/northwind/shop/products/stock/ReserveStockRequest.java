package com.northwind.shop.products.stock;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An order's request to hold stock: every line or none.
 *
 * @param orderId the order, and the idempotency key: a repeat returns the first result
 * @param lines what to hold, each product at most once
 */
record ReserveStockRequest(
        @NotNull UUID orderId, @NotEmpty @Size(max = 100) List<@NotNull @Valid Line> lines) {

    @AssertTrue(message = "lines must name each product at most once")
    boolean isEachProductOnce() {
        if (lines == null) {
            return true;
        }
        List<UUID> ids = lines.stream()
                .filter(Objects::nonNull)
                .map(Line::productId)
                .filter(Objects::nonNull)
                .toList();
        return ids.size() == ids.stream().distinct().count();
    }

    /**
     * Units of one product.
     *
     * @param productId the product
     * @param quantity how many units, at least one
     */
    record Line(
            @NotNull UUID productId,
            @NotNull @Min(1) @Max(10_000) Integer quantity) {}
}
