package com.northwind.shop.products.stock;

/** Where a reservation is in its life: only RESERVED holds stock that may still go back on sale. */
enum ReservationStatus {
    /** Stock held for an unpaid order until {@code expiresAt}. */
    RESERVED,
    /** The order was paid: the units left the shelf. */
    CONFIRMED,
    /**
     * The units are on sale again: the order was cancelled (also marked on an expired reservation of it), or its
     * checkout failed; {@code release_reason} says which.
     */
    RELEASED,
    /** Nobody confirmed it in time: the units are on sale again. */
    EXPIRED;

    boolean holdsStock() {
        return this == RESERVED || this == CONFIRMED;
    }
}
