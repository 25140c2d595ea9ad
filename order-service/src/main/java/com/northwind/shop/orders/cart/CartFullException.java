package com.northwind.shop.orders.cart;

/** The cart already holds as many different products as allowed. */
public class CartFullException extends RuntimeException {

    CartFullException(int max) {
        super("A cart holds at most " + max + " different products.");
    }
}
