package com.northwind.shop.orders.order;

import com.northwind.shop.orders.Money;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An order as the API shows it.
 *
 * @param id the order id
 * @param status where the order is in its life
 * @param items its lines, with the prices snapshotted when it was placed
 * @param total the sum of the line totals
 * @param createdAt when it was placed
 * @param expiresAt until when it can be paid (while awaiting payment)
 */
@Schema(example = """
                {"id": "7c9e6679-7425-40de-944b-e07fc1f90ae7", "status": "AWAITING_PAYMENT", "items": [{"productId": "3f2b6c1e-8d4a-4b7f-9e21-5a6c7d8e9f01", "name": "Enamel mug", "quantity": 2, "unitPrice": {"amount": 1299, "currency": "USD"}, "lineTotal": {"amount": 2598, "currency": "USD"}}], "total": {"amount": 2598, "currency": "USD"}, "createdAt": "2026-12-01T09:31:00Z", "expiresAt": "2026-12-01T09:46:00Z"}
                """)
public record OrderResponse(
        UUID id,
        OrderStatus status,
        @ArraySchema(maxItems = 50) List<Item> items,
        Money total,
        Instant createdAt,

        @Schema(
                types = {"string", "null"},
                format = "date-time",
                description = "null once no longer awaiting payment")
        @Nullable
        Instant expiresAt) {

    static OrderResponse from(Order order) {
        return new OrderResponse(
                order.id(),
                order.status(),
                order.lines().stream().map(Item::from).toList(),
                order.total(),
                order.createdAt(),
                order.expiresAt());
    }

    /**
     * One line of an order.
     *
     * @param productId the product
     * @param name the product's name when ordered
     * @param quantity how many units
     * @param unitPrice the unit price when ordered
     * @param lineTotal unit price times quantity
     */
    // Three records are named Item in this service: each needs its own schema name, or springdoc merges them.
    @Schema(name = "OrderItem")
    public record Item(
            UUID productId,
            @Schema(maxLength = 200) String name,
            @Schema(minimum = "1", maximum = "100") int quantity,
            Money unitPrice,
            Money lineTotal) {

        static Item from(OrderLine line) {
            return new Item(line.productId(), line.name(), line.quantity(), line.unitPrice(), line.lineTotal());
        }
    }
}
