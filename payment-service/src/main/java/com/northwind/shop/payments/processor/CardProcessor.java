package com.northwind.shop.payments.processor;

import com.northwind.shop.payments.Money;
import java.util.Optional;
import java.util.UUID;

/**
 * A card processor (Stripe's role). Every charge is keyed by the payment id, the processor's idempotency key: a
 * repeated charge with the same payment id answers the first outcome and never charges twice.
 */
public interface CardProcessor {

    /**
     * Charges a card once per payment id. May take longer than the caller is willing to wait: the caller then asks
     * {@link #find} or {@link #settle} later.
     */
    ChargeOutcome charge(UUID paymentId, Money amount, Card card);

    /** What the processor recorded for a payment id; empty if no charge with that id reached it. */
    Optional<ChargeOutcome> find(UUID paymentId);

    /**
     * Settles a payment whose answer never arrived: the recorded outcome if a charge reached the processor, else
     * {@link ChargeOutcome#CANCELLED}, recorded so that a charge still on its way can never land afterwards.
     */
    ChargeOutcome settle(UUID paymentId, Money amount);

    /**
     * Gives back part of a successful charge, once per refund id. Runs in the caller's transaction (the simulated
     * processor shares the database), so a refund is recorded at both ends or neither.
     *
     * @throws IllegalStateException if the charge did not succeed or the refunds would exceed it
     */
    void refund(UUID refundId, UUID paymentId, long amount);
}
