package com.northwind.shop.orders.order;

import java.util.UUID;

/**
 * Published on {@code orders.events} when a payment succeeded for an order that cannot take it: payment-service
 * refunds that payment in full.
 *
 * @param orderId the order the payment was for
 * @param paymentId payment-service's id of the payment
 * @param reason {@code order-cancelled} (cancelled or expired), {@code already-paid} (paid by another payment),
 *     {@code amount-mismatch} (amount or currency differ from the order's total) or {@code order-not-found}
 */
record PaymentRejected(UUID orderId, UUID paymentId, String reason) implements OrderEvent {}
