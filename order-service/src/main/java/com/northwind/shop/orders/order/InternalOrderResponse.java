package com.northwind.shop.orders.order;

import com.northwind.shop.orders.Money;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An order as other services see it ({@code GET /internal/orders/{orderId}}): enough for payment-service to decide
 * whether, and how much, it may charge.
 *
 * @param orderId the order
 * @param userId whose order it is
 * @param status where it is in its life; only {@code AWAITING_PAYMENT} may be charged
 * @param total what it costs
 * @param expiresAt until when it can be paid
 */
public record InternalOrderResponse(
        UUID orderId,
        UUID userId,
        OrderStatus status,
        Money total,
        @Nullable Instant expiresAt) {

    static InternalOrderResponse from(Order order) {
        return new InternalOrderResponse(order.id(), order.userId(), order.status(), order.total(), order.expiresAt());
    }
}
