package com.northwind.shop.products.stock;

import java.util.List;
import java.util.UUID;

/** What can go wrong with a reservation, in domain terms; {@link StockProblemAdvice} maps them to HTTP. */
final class StockExceptions {

    private StockExceptions() {}

    /** Some lines cannot be served; nothing was reserved. */
    static final class InsufficientStock extends RuntimeException {
        final List<Shortage> shortages;

        InsufficientStock(List<Shortage> shortages) {
            super("Not enough stock for " + shortages.size() + " line(s); nothing was reserved.");
            this.shortages = List.copyOf(shortages);
        }
    }

    /**
     * A line that cannot be served.
     *
     * @param productId the product
     * @param requested the units asked for
     * @param available the units on sale (0 for an unknown or inactive product)
     */
    record Shortage(UUID productId, int requested, int available) {}

    static final class ReservationNotFound extends RuntimeException {
        ReservationNotFound(UUID orderId) {
            super("No reservation exists for order " + orderId + ".");
        }
    }

    /** The order id already has a reservation for other lines. */
    static final class ReservationMismatch extends RuntimeException {
        ReservationMismatch(UUID orderId) {
            super("Order " + orderId + " already has a reservation for other lines.");
        }
    }

    /** The transition is not allowed from the reservation's current status. */
    static final class ReservationNotActive extends RuntimeException {
        ReservationNotActive(UUID orderId, ReservationStatus status, String action) {
            super("The reservation of order " + orderId + " is " + status + " and cannot be " + action + ".");
        }
    }
}
