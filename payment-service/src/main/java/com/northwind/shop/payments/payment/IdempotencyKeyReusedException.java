package com.northwind.shop.payments.payment;

/** The {@code Idempotency-Key} was used before with another request. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException() {
        super("This Idempotency-Key was already used with a different request.");
    }
}
