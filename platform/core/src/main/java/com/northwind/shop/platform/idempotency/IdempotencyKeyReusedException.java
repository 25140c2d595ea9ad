package com.northwind.shop.platform.idempotency;

/** The key was first used with a different request: 422 {@code idempotency-key-reused}. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException() {
        super("This Idempotency-Key was already used with a different request.");
    }
}
