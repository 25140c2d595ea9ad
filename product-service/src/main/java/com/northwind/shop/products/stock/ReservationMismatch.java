package com.northwind.shop.products.stock;

import com.northwind.shop.platform.problem.DomainException;
import java.util.UUID;

/** The order id already has a reservation for other lines. */
final class ReservationMismatch extends DomainException {

    ReservationMismatch(UUID orderId) {
        super(
                Kind.CONFLICT,
                "reservation-mismatch",
                "Order " + orderId + " already has a reservation for other lines.");
    }
}
