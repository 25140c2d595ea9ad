package com.northwind.shop.products.stock;

import com.northwind.shop.products.catalog.Money;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A reservation with the authoritative name and unit price of every line, as quoted when the stock was reserved.
 *
 * @param status RESERVED, CONFIRMED, RELEASED or EXPIRED
 * @param expiresAt when unconfirmed stock goes back on sale
 */
record ReservationResponse(UUID orderId, String status, Instant expiresAt, List<Line> lines) {

    static ReservationResponse from(Reservation reservation, List<Line> lines) {
        return new ReservationResponse(
                reservation.orderId(), reservation.status().name(), reservation.expiresAt(), lines);
    }

    /** One reserved product. */
    record Line(UUID productId, String sku, String name, int quantity, Money unitPrice) {}
}
