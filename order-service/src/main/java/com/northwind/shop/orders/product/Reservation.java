package com.northwind.shop.orders.product;

import com.northwind.shop.orders.Money;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Stock held for an order, with the authoritative unit prices product-service quoted.
 *
 * @param orderId the order the stock is held for
 * @param status the reservation's status at product-service
 * @param expiresAt when product-service releases the stock on its own unless confirmed
 * @param lines the held products and their prices
 */
public record Reservation(
        UUID orderId, String status, @Nullable Instant expiresAt, List<Line> lines) {

    /**
     * One held product.
     *
     * @param productId the product
     * @param name its name when reserved
     * @param quantity how many units are held
     * @param unitPrice its unit price when reserved
     */
    public record Line(UUID productId, String name, int quantity, Money unitPrice) {}
}
