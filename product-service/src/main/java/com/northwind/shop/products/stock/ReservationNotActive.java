package com.northwind.shop.products.stock;

import com.northwind.shop.platform.problem.DomainException;
import java.util.UUID;

/** The transition is not allowed from the reservation's current status. */
final class ReservationNotActive extends DomainException {

    ReservationNotActive(UUID orderId, ReservationStatus status, String action) {
        super(
                Kind.CONFLICT,
                "reservation-not-active",
                "The reservation of order " + orderId + " is " + status + " and cannot be " + action + ".");
    }
}
