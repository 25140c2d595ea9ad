package com.northwind.shop.payments.payment;

import java.util.UUID;

/** The order does not exist or is not the caller's. */
public class OrderNotFoundException extends RuntimeException {

    public OrderNotFoundException(UUID id) {
        super("No order " + id + ".");
    }
}
