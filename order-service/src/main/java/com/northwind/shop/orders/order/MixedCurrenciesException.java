package com.northwind.shop.orders.order;

/** The products of one order are priced in different currencies, which one payment cannot cover. */
public class MixedCurrenciesException extends RuntimeException {

    MixedCurrenciesException() {
        super("All items of an order must be priced in the same currency.");
    }
}
