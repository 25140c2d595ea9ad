package com.northwind.shop.platform.idempotency;

/** The request has no usable {@code Idempotency-Key} header: 400 {@code idempotency-key-missing}. */
public class IdempotencyKeyMissingException extends RuntimeException {

    public IdempotencyKeyMissingException() {
        super("An Idempotency-Key header of 1 to 100 characters is required.");
    }
}
