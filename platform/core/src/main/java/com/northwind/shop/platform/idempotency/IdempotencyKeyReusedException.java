package com.northwind.shop.platform.idempotency;

import com.northwind.shop.platform.problem.DomainException;

/** The key was first used with a different request: 422 {@code idempotency-key-reused}. */
public class IdempotencyKeyReusedException extends DomainException {

    public IdempotencyKeyReusedException() {
        super(
                Kind.UNPROCESSABLE,
                "idempotency-key-reused",
                "This Idempotency-Key was already used with a different request.");
    }
}
