package com.northwind.shop.orders.order;

import java.util.UUID;

/** No order with this id exists for the caller (another user's order is not found either). */
public class OrderNotFoundException extends RuntimeException {

    OrderNotFoundException(UUID id) {
        super("Order " + id + " was not found.");
    }
}
