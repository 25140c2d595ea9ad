package com.northwind.shop.orders.order;

import io.swagger.v3.oas.annotations.media.Schema;
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
@Schema(example = """
                {"items": [{"productId": "3f2b6c1e-8d4a-4b7f-9e21-5a6c7d8e9f01", "quantity": 2}]}
                """)
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
    // Three records are named Item in this service: each needs its own schema name, or springdoc merges them.
    @Schema(name = "PlaceOrderItem")
    public record Item(
            @Schema(example = "3f2b6c1e-8d4a-4b7f-9e21-5a6c7d8e9f01") @NotNull
            UUID productId,

            @Schema(example = "2") @Min(1) @Max(100) int quantity) {}
}
