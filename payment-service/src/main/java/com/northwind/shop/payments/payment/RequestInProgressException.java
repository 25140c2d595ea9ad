package com.northwind.shop.payments.payment;

/** A request with the same {@code Idempotency-Key} is still being processed. */
public class RequestInProgressException extends RuntimeException {

    public RequestInProgressException() {
        super("A request with this Idempotency-Key is still in progress; retry later.");
    }
}
