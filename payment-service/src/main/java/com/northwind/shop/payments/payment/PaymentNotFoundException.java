package com.northwind.shop.payments.payment;

import com.northwind.shop.platform.problem.DomainException;
import java.util.UUID;

/** No payment with that id that the caller may see. */
public class PaymentNotFoundException extends DomainException {

    public PaymentNotFoundException(UUID id) {
        super(Kind.NOT_FOUND, null, "No payment " + id + ".");
    }
}
