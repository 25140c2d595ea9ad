package com.northwind.shop.orders.order;

import com.northwind.shop.platform.problem.DomainException;
import java.util.UUID;

/** No order with this id exists for the caller (another user's order is not found either). */
public class OrderNotFoundException extends DomainException {

    OrderNotFoundException(UUID id) {
        super(Kind.NOT_FOUND, null, "Order " + id + " was not found.");
    }
}
