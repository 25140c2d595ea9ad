package com.northwind.shop.orders.order;

/** The order's status does not allow the change asked for. */
public class OrderStatusException extends RuntimeException {

    OrderStatusException(String message) {
        super(message);
    }
}
