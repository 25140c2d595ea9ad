package com.northwind.shop.orders.order;

import com.northwind.shop.orders.Money;
import java.time.Instant;
import java.util.UUID;

/**
 * Published on {@code orders.events} when an order is cancelled: product-service releases its stock, and
 * payment-service refunds it if it was paid.
 *
 * @param orderId the cancelled order
 * @param userId whose order it was
 * @param previousStatus its status before (a {@code PAID} order needs a refund)
 * @param reason why: {@code customer}, {@code admin}, {@code expired} or {@code out-of-stock}
 * @param total the order's total
 * @param cancelledAt when it was cancelled
 */
record OrderCancelled(
        UUID orderId, UUID userId, OrderStatus previousStatus, String reason, Money total, Instant cancelledAt)
        implements OrderEvent {

    static OrderCancelled of(Order order, OrderStatus previousStatus, String reason, Instant now) {
        return new OrderCancelled(order.id(), order.userId(), previousStatus, reason, order.total(), now);
    }
}
