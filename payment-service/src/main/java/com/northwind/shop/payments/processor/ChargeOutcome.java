package com.northwind.shop.payments.processor;

/** What the processor did with a charge. */
public enum ChargeOutcome {
    /** The money was captured. */
    SUCCEEDED,
    /** The issuer declined the card. */
    DECLINED,
    /** The card's account lacks the funds. */
    INSUFFICIENT_FUNDS,
    /** No charge reached the processor and none ever will (see {@link CardProcessor#settle}). */
    CANCELLED
}
