package com.northwind.shop.payments.payment;

import com.northwind.shop.platform.problem.DomainException;

/** A refund the payment's state does not allow: nothing captured, or more than what remains. */
public class RefundRefusedException extends DomainException {

    public RefundRefusedException(String message) {
        super(Kind.CONFLICT, "refund-refused", message);
    }
}
