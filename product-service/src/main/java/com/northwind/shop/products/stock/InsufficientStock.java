package com.northwind.shop.products.stock;

import com.northwind.shop.platform.problem.DomainException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Not enough unreserved units on the shelf: for a reservation (nothing was reserved; the problem's {@code lines} list
 * each shortage), or for an admin's write-off (nothing was removed).
 */
final class InsufficientStock extends DomainException {

    private final List<Shortage> shortages;

    /** Some lines of a reservation cannot be served; nothing was reserved. */
    InsufficientStock(List<Shortage> shortages) {
        super(
                Kind.CONFLICT,
                "insufficient-stock",
                "Not enough stock for " + shortages.size() + " line(s); nothing was reserved.");
        this.shortages = List.copyOf(shortages);
    }

    /** Removing {@code -delta} units would take reserved ones or go below zero. */
    InsufficientStock(UUID productId, int delta) {
        super(
                Kind.CONFLICT,
                "insufficient-stock",
                "Product " + productId + " has fewer than " + -delta + " unreserved units on the shelf to remove.");
        this.shortages = List.of();
    }

    @Override
    public Map<String, Object> properties() {
        return shortages.isEmpty() ? Map.of() : Map.of("lines", shortages);
    }
}
