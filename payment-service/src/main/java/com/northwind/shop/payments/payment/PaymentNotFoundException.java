package com.northwind.shop.payments.payment;

import java.util.UUID;

/** No payment with that id that the caller may see. */
public class PaymentNotFoundException extends RuntimeException {

    public PaymentNotFoundException(UUID id) {
        super("No payment " + id + ".");
    }
}
