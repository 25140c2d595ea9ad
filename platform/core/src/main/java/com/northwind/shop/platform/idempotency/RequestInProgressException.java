package com.northwind.shop.platform.idempotency;

/** The first request with this key has not answered yet: 409 {@code request-in-progress}. */
public class RequestInProgressException extends RuntimeException {

    public RequestInProgressException() {
        super("A request with this Idempotency-Key is still in progress; retry later.");
    }
}
