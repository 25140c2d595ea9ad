package com.northwind.shop.platform.idempotency;

import com.northwind.shop.platform.problem.DomainException;

/** The first request with this key has not answered yet: 409 {@code request-in-progress}. */
public class RequestInProgressException extends DomainException {

    public RequestInProgressException() {
        super(
                Kind.CONFLICT,
                "request-in-progress",
                "A request with this Idempotency-Key is still in progress; retry later.");
    }
}
