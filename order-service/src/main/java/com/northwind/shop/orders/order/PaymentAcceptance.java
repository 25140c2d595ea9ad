package com.northwind.shop.orders.order;

import org.jspecify.annotations.Nullable;

/** What an order made of a payment that succeeded at the processor ({@link Order#acceptPayment}). */
enum PaymentAcceptance {
    /** The order is paid by it now. */
    PAID(null),
    /** It paid the order before (the same event again): nothing to do. */
    ALREADY_APPLIED(null),
    /** The order was cancelled or refunded: the money goes back. */
    ORDER_CANCELLED("order-cancelled"),
    /** Another payment paid the order: this one goes back. */
    ALREADY_PAID("already-paid"),
    /** Not the order's total, or not its currency: the money goes back, and the order stays payable. */
    AMOUNT_MISMATCH("amount-mismatch");

    private final @Nullable String rejection;

    PaymentAcceptance(@Nullable String rejection) {
        this.rejection = rejection;
    }

    /** The reason sent with {@code PaymentRejected}; null when the payment is not rejected. */
    @Nullable
    String rejection() {
        return rejection;
    }
}
