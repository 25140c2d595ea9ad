package com.northwind.shop.platform.idempotency;

import com.northwind.shop.platform.problem.DomainException;

/** The request has no usable {@code Idempotency-Key} header: 400 {@code idempotency-key-missing}. */
public class IdempotencyKeyMissingException extends DomainException {

    public IdempotencyKeyMissingException() {
        super(Kind.INVALID, "idempotency-key-missing", "An Idempotency-Key header of 1 to 100 characters is required.");
    }
}
