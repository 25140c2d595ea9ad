package com.northwind.shop.orders.product;

import java.util.List;
import java.util.UUID;

/**
 * Asks product-service to hold stock for an order, all lines or none.
 *
 * @param orderId the order's id, which is also the reservation's id
 * @param lines what to hold, each product once
 */
public record ReservationRequest(UUID orderId, List<Line> lines) {

    /**
     * One product to hold.
     *
     * @param productId the product
     * @param quantity how many units
     */
    public record Line(UUID productId, int quantity) {}
}
