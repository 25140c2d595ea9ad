package com.northwind.shop.orders.cart;

/** The {@code X-Cart-Token} header is not a token this service issues. */
public class InvalidCartTokenException extends RuntimeException {

    InvalidCartTokenException() {
        super("The X-Cart-Token header is malformed.");
    }
}
