package com.northwind.shop.products.stock;

import com.northwind.shop.products.config.ProductsProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Holds stock for an order's checkout: every line or none, idempotent by order id. What happens to a reservation
 * afterwards is {@link ReservationService}'s.
 */
@Service
@Transactional
class ReservingService {

    private static final Logger log = LoggerFactory.getLogger(ReservingService.class);

    private final ReservationRows reservations;
    private final Shelf shelf;
    private final Duration ttl;

    ReservingService(ReservationRows reservations, Shelf shelf, ProductsProperties properties) {
        this.reservations = reservations;
        this.shelf = shelf;
        this.ttl = properties.reservations().ttl();
    }

    /**
     * Reserves every line or none; a repeat for the same order returns the first result ({@code created} false). A
     * reservation of the order that expired, or was released because its checkout failed, is reserved again (the
     * client's retry of a checkout whose answer was lost: order-service derives the order id from the user and the
     * Idempotency-Key, and never asks again for an order it wrote).
     */
    Result reserve(ReserveStockRequest request) {
        UUID orderId = request.orderId();
        Optional<Instant> inserted = reservations.insert(orderId, ttl);
        if (inserted.isPresent()) {
            return new Result(take(request, inserted.get()), true);
        }
        Reservation existing = reservations.lock(orderId);
        if (existing.mayReserveAgain()) {
            // The retry may carry other lines (a cart that changed): they replace the old ones, with a new deadline.
            Instant expiresAt = reservations.reserveAgain(orderId, ttl);
            log.info("Reserving stock again for order {} (a retried checkout)", orderId);
            return new Result(take(request, expiresAt), true);
        }
        List<ReservationResponse.Line> lines = reservations.lines(orderId);
        existing.requireSameLines(request, lines);
        return new Result(ReservationResponse.from(existing, lines), false);
    }

    /** Takes the units of every line of a reservation being made, or none (throws, rolling everything back). */
    private ReservationResponse take(ReserveStockRequest request, Instant expiresAt) {
        List<ReserveStockRequest.Line> lines = request.lines().stream()
                .sorted(Comparator.comparing(ReserveStockRequest.Line::productId))
                .toList();
        List<ReservationResponse.Line> reserved = new ArrayList<>();
        List<ReserveStockRequest.Line> missing = new ArrayList<>();
        for (ReserveStockRequest.Line line : lines) {
            shelf.take(line).ifPresentOrElse(reserved::add, () -> missing.add(line));
        }
        if (!missing.isEmpty()) {
            // Rolls back everything above, the reservation row included.
            throw new InsufficientStock(shelf.shortages(missing));
        }
        reservations.insertLines(request.orderId(), reserved);
        shelf.changed(reserved);
        // Answered from what was just written, in the order a repeat reads it back (lines by product id as PostgreSQL
        // sorts uuids: bytewise, as their canonical text), so that a repeat answers byte for byte what this one did.
        List<ReservationResponse.Line> answered = reserved.stream()
                .sorted(Comparator.comparing(line -> line.productId().toString()))
                .toList();
        return new ReservationResponse(request.orderId(), ReservationStatus.RESERVED.name(), expiresAt, answered);
    }

    /**
     * The outcome of a reservation request.
     *
     * @param reservation the reservation
     * @param created whether this request created it (false for a repeat)
     */
    record Result(ReservationResponse reservation, boolean created) {}
}
