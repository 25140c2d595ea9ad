package com.northwind.shop.payments.payment;

import com.northwind.shop.platform.problem.DomainException;
import com.northwind.shop.platform.problem.Problems.FieldError;
import java.util.List;

/** The card fails a check (Luhn, expiry, CVC); the errors name fields and rules, never values. */
public class InvalidCardException extends DomainException {

    private final List<FieldError> errors;

    InvalidCardException(List<FieldError> errors) {
        super(Kind.INVALID, null, "The card is invalid.");
        this.errors = List.copyOf(errors);
    }

    @Override
    public List<FieldError> errors() {
        return errors;
    }
}
