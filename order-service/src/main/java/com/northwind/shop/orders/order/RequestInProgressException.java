package com.northwind.shop.orders.order;

/** A request with the same key is still running. */
public class RequestInProgressException extends RuntimeException {

    RequestInProgressException() {
        super("A request with this Idempotency-Key is still being processed; retry later.");
    }
}
