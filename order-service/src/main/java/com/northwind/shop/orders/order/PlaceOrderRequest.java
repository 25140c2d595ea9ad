package com.northwind.shop.orders.order;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What a customer orders when not ordering their cart. There is no price here: product-service quotes it.
 *
 * @param items the products and quantities, each product once
 */
public record PlaceOrderRequest(@NotEmpty @Size(max = 50) List<@Valid @NotNull Item> items) {

    @AssertTrue(message = "each product may appear only once")
    boolean isEachProductOnce() {
        return items == null
                || items.stream().filter(Objects::nonNull).map(Item::productId).allMatch(new HashSet<UUID>()::add);
    }

    /**
     * One product to order.
     *
     * @param productId the product
     * @param quantity how many units, 1 to 100
     */
    public record Item(
            @NotNull UUID productId, @Min(1) @Max(100) int quantity) {}
}
