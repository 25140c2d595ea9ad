package com.northwind.shop.products.stock;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why a reservation gave its stock back, kept on the reservation ({@code release_reason}): an {@code OrderPaid} that
 * arrives afterwards ignores a cancelled order's reservation, but takes the stock again for any other (or, if it is
 * gone, publishes {@code StockUnavailable} so that the order is cancelled and refunded).
 */
enum ReleaseReason {
    /** The order was cancelled (by the customer, an admin, its expiry or a refund): it will never be paid. */
    CANCELLED("cancelled"),
    /** Nobody confirmed it before its deadline. */
    EXPIRED("expired"),
    /**
     * order-service could not finish the checkout (the reservation's answer, or the order's commit, failed): the
     * client's retry reserves again under the same order id, and an order that was written after all may still be
     * paid.
     */
    CHECKOUT_FAILED("checkout-failed");

    private final String value;

    ReleaseReason(String value) {
        this.value = value;
    }

    /** As stored and as order-service names it ({@code ?reason=}). */
    String value() {
        return value;
    }

    static Optional<ReleaseReason> of(String value) {
        return Arrays.stream(values()).filter(r -> r.value.equals(value)).findFirst();
    }
}
