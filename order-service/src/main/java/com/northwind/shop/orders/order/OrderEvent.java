package com.northwind.shop.orders.order;

import com.northwind.shop.platform.events.PublishedEvent;

/** The events order-service publishes on {@code orders.events}; their JSON is the saga's contract. */
sealed interface OrderEvent extends PublishedEvent permits OrderPaid, OrderCancelled, PaymentRejected {

    String STREAM = "orders.events";

    @Override
    default String stream() {
        return STREAM;
    }
}
