package com.northwind.shop.orders.order;

import com.northwind.shop.orders.Money;
import java.time.Instant;
import java.util.UUID;

/**
 * Published on {@code orders.events} when a payment paid an order: product-service confirms its stock reservation.
 *
 * @param orderId the paid order
 * @param userId whose order it is
 * @param paymentId payment-service's id of the payment
 * @param total the order's total, which the payment matched
 * @param paidAt when the order became paid
 */
record OrderPaid(UUID orderId, UUID userId, UUID paymentId, Money total, Instant paidAt) implements OrderEvent {}
