package com.northwind.shop.payments.payment;

import com.northwind.shop.platform.problem.DomainException;
import java.util.UUID;

/** The order already has a payment in flight or captured; an order is never charged twice. */
public class PaymentExistsException extends DomainException {

    public PaymentExistsException(UUID orderId) {
        super(
                Kind.CONFLICT,
                "payment-exists",
                "Order " + orderId + " already has a pending or successful payment; it is not charged again.");
    }
}
