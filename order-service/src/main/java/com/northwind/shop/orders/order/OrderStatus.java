package com.northwind.shop.orders.order;

/** Where an order is in its life. */
public enum OrderStatus {
    AWAITING_PAYMENT,
    PAID,
    SHIPPED,
    DELIVERED,
    CANCELLED,
    REFUNDED
}
