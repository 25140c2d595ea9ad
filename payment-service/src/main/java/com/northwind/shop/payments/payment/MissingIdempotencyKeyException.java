package com.northwind.shop.payments.payment;

/** The request lacks a usable {@code Idempotency-Key} header. */
public class MissingIdempotencyKeyException extends RuntimeException {

    public MissingIdempotencyKeyException() {
        super("An Idempotency-Key header of 1 to 100 characters is required.");
    }
}
