package com.northwind.shop.orders.order;

/** The key was used with another body. */
public class IdempotencyKeyReusedException extends RuntimeException {

    IdempotencyKeyReusedException() {
        super("The Idempotency-Key was already used for a different request.");
    }
}
