package com.northwind.shop.payments.payment;

import java.util.UUID;

/** The order already has a payment in flight or captured; an order is never charged twice. */
public class PaymentExistsException extends RuntimeException {

    public PaymentExistsException(UUID orderId) {
        super("Order " + orderId + " already has a pending or successful payment; it is not charged again.");
    }
}
