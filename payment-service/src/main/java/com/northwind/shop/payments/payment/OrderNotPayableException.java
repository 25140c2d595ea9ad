package com.northwind.shop.payments.payment;

/** The order cannot be paid (any more): it is not awaiting payment, or it was cancelled. */
public class OrderNotPayableException extends RuntimeException {

    public OrderNotPayableException(String message) {
        super(message);
    }
}
