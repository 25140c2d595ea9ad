package com.northwind.shop.orders.order;

import com.northwind.shop.platform.problem.DomainException;

/** An order needs at least one line: the request had none, or the cart is empty. */
public class EmptyOrderException extends DomainException {

    EmptyOrderException() {
        super(Kind.UNPROCESSABLE, "empty-order", "An order needs at least one item; the cart is empty.");
    }
}
