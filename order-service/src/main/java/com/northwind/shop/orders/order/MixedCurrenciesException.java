package com.northwind.shop.orders.order;

import com.northwind.shop.platform.problem.DomainException;

/** The products of one order are priced in different currencies, which one payment cannot cover. */
public class MixedCurrenciesException extends DomainException {

    MixedCurrenciesException() {
        super(Kind.UNPROCESSABLE, "mixed-currencies", "All items of an order must be priced in the same currency.");
    }
}
