package com.northwind.shop.payments.payment;

/** A refund the payment's state does not allow: nothing captured, or more than what remains. */
public class RefundRefusedException extends RuntimeException {

    public RefundRefusedException(String message) {
        super(message);
    }
}
