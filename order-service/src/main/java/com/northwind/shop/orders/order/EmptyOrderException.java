package com.northwind.shop.orders.order;

/** An order needs at least one line: the request had none, or the cart is empty. */
public class EmptyOrderException extends RuntimeException {

    EmptyOrderException() {
        super("An order needs at least one item; the cart is empty.");
    }
}
