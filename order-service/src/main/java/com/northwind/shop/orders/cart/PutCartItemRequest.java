package com.northwind.shop.orders.cart;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * How many units of a product the cart should hold.
 *
 * @param quantity 1 to 100
 */
@Schema(example = """
                {"quantity": 2}
                """)
public record PutCartItemRequest(
        @Schema(example = "2") @Min(1) @Max(100) int quantity) {}
