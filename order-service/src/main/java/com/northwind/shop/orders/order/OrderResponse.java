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
