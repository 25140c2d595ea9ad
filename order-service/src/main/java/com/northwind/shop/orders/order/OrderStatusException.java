package com.northwind.shop.orders.order;

import com.northwind.shop.platform.problem.DomainException;

/** The order's status does not allow the change asked for. */
public class OrderStatusException extends DomainException {

    OrderStatusException(String message) {
        super(Kind.CONFLICT, "order-status", message);
    }
}
