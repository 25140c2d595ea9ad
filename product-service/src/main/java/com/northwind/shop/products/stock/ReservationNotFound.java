package com.northwind.shop.products.stock;

import com.northwind.shop.platform.problem.DomainException;
import java.util.UUID;

/** No reservation exists for the order. */
final class ReservationNotFound extends DomainException {

    ReservationNotFound(UUID orderId) {
        super(Kind.NOT_FOUND, "reservation-not-found", "No reservation exists for order " + orderId + ".");
    }
}
