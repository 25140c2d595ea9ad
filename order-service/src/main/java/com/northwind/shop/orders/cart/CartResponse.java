package com.northwind.shop.orders.cart;

import com.northwind.shop.orders.Money;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A cart priced with the current product prices.
 *
 * @param items its lines
 * @param total the sum of the line totals of the available items; {@code null} for an empty cart
 */
@Schema(example = """
                {"items": [{"productId": "3f2b6c1e-8d4a-4b7f-9e21-5a6c7d8e9f01", "name": "Enamel mug", "quantity": 2, "unitPrice": {"amount": 1299, "currency": "USD"}, "lineTotal": {"amount": 2598, "currency": "USD"}, "available": true}], "total": {"amount": 2598, "currency": "USD"}}
                """)
public record CartResponse(List<Item> items, @Nullable Money total) {

    /**
     * One line of a cart.
     *
     * @param productId the product
     * @param name its current name
     * @param quantity how many units
     * @param unitPrice its current unit price
     * @param lineTotal unit price times quantity
     * @param available whether it can still be ordered; unavailable items are not in the total
     */
    // Three records are named Item in this service: each needs its own schema name, or springdoc merges them.
    @Schema(name = "CartItem")
    public record Item(
            UUID productId,
            @Schema(maxLength = 200) String name,
            @Schema(minimum = "1", maximum = "100") int quantity,
            Money unitPrice,
            Money lineTotal,
            boolean available) {}
}
