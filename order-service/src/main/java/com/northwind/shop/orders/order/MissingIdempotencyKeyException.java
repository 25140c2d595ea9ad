package com.northwind.shop.orders.order;

/** The request has no usable Idempotency-Key header. */
public class MissingIdempotencyKeyException extends RuntimeException {

    MissingIdempotencyKeyException() {
        super("The Idempotency-Key header is required (1 to 100 characters).");
    }
}
