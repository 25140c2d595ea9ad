package com.northwind.shop.orders.cart;

import com.northwind.shop.platform.problem.DomainException;

/** The cart already holds as many different products as allowed. */
public class CartFullException extends DomainException {

    CartFullException(int max) {
        super(Kind.UNPROCESSABLE, "cart-full", "A cart holds at most " + max + " different products.");
    }
}
