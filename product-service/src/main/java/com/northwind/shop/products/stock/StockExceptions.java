package com.northwind.shop.products.stock;

import com.northwind.shop.platform.problem.DomainException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What can go wrong with a reservation, in domain terms; the platform maps each to a problem by its kind. */
final class StockExceptions {

    private StockExceptions() {}

    /** Some lines cannot be served; nothing was reserved. */
    static final class InsufficientStock extends DomainException {
        final List<Shortage> shortages;

        InsufficientStock(List<Shortage> shortages) {
            super(
                    Kind.CONFLICT,
                    "insufficient-stock",
                    "Not enough stock for " + shortages.size() + " line(s); nothing was reserved.");
            this.shortages = List.copyOf(shortages);
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of("lines", shortages);
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

    static final class ReservationNotFound extends DomainException {
        ReservationNotFound(UUID orderId) {
            super(Kind.NOT_FOUND, "reservation-not-found", "No reservation exists for order " + orderId + ".");
        }
    }

    /** The order id already has a reservation for other lines. */
    static final class ReservationMismatch extends DomainException {
        ReservationMismatch(UUID orderId) {
            super(
                    Kind.CONFLICT,
                    "reservation-mismatch",
                    "Order " + orderId + " already has a reservation for other lines.");
        }
    }

    /** The transition is not allowed from the reservation's current status. */
    static final class ReservationNotActive extends DomainException {
        ReservationNotActive(UUID orderId, ReservationStatus status, String action) {
            super(
                    Kind.CONFLICT,
                    "reservation-not-active",
                    "The reservation of order " + orderId + " is " + status + " and cannot be " + action + ".");
        }
    }
}
