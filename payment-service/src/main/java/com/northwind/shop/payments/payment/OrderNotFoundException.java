package com.northwind.shop.payments.payment;

import com.northwind.shop.platform.problem.DomainException;
import java.util.UUID;

/** The order does not exist or is not the caller's. */
public class OrderNotFoundException extends DomainException {

    public OrderNotFoundException(UUID id) {
        super(Kind.NOT_FOUND, null, "No order " + id + ".");
    }
}
