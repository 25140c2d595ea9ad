package com.northwind.shop.payments.payment;

import com.northwind.shop.platform.problem.DomainException;

/** The order cannot be paid (any more): it is not awaiting payment, or it was cancelled. */
public class OrderNotPayableException extends DomainException {

    public OrderNotPayableException(String message) {
        super(Kind.CONFLICT, "order-not-payable", message);
    }
}
