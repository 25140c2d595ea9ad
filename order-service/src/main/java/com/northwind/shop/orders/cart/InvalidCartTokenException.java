package com.northwind.shop.orders.cart;

import com.northwind.shop.platform.problem.DomainException;

/** The {@code X-Cart-Token} header is not a token this service issues. */
public class InvalidCartTokenException extends DomainException {

    InvalidCartTokenException() {
        super(Kind.INVALID, "invalid-cart-token", "The X-Cart-Token header is malformed.");
    }
}
