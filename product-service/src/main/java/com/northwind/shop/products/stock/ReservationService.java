package com.northwind.shop.products.stock;

import com.northwind.shop.products.catalog.Money;
import com.northwind.shop.products.catalog.ProductsChanged;
import com.northwind.shop.products.config.ProductsProperties;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Holds, confirms and releases stock for orders. Oversell is impossible by construction: a unit is taken with
 * {@code UPDATE ... SET available = available - n WHERE available >= n}, which PostgreSQL applies to the latest
 * committed row under its row lock, and the table's CHECK rejects a negative count anyway. Rows are always touched in
 * product id order so that two orders sharing products never deadlock.
 */
@Service
@Transactional
class ReservationService {

    private static final Logger log = LoggerFactory.getLogger(ReservationService.class);

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final ProductsProperties.Reservations settings;

    ReservationService(JdbcClient jdbc, ApplicationEventPublisher events, ProductsProperties properties) {
        this.jdbc = jdbc;
        this.events = events;
        this.settings = properties.reservations();
    }

    /**
     * Reserves every line or none; a repeat for the same order returns the first result ({@code created} false). A
     * reservation of the order that expired, or was released because its checkout failed, is reserved again (the
     * client's retry of a checkout whose answer was lost: order-service derives the order id from the user and the
     * Idempotency-Key, and never asks again for an order it wrote). The deadline is the database's clock, the one
     * the expiry compares it with.
     */
    Result reserve(ReserveStockRequest request) {
        UUID orderId = request.orderId();
        // A concurrent request for the same order waits here until the first one commits or rolls back.
        Optional<Instant> inserted = jdbc.sql("""
                        INSERT INTO reservations (order_id, status, expires_at)
                        VALUES (:orderId, 'RESERVED', now() + make_interval(secs => :ttl))
                        ON CONFLICT (order_id) DO NOTHING
                        RETURNING expires_at
                        """)
                .param("orderId", orderId)
                .param("ttl", settings.ttl().toMillis() / 1000.0)
                .query((rs, n) -> rs.getTimestamp(1).toInstant())
                .optional();
        if (inserted.isEmpty()) {
            Held existing = lock(orderId);
            if (existing.mayReserveAgain()) {
                return new Result(reserveAgain(request), true);
            }
            ReservationResponse found =
                    new ReservationResponse(orderId, existing.status().name(), existing.expiresAt(), lines(orderId));
            if (!quantities(found).equals(requested(request))) {
                throw new ReservationMismatch(orderId);
            }
            return new Result(found, false);
        }
        return new Result(take(orderId, request, inserted.get()), true);
    }

    /**
     * Reserves an expired reservation, or one released by a failed checkout, again for the request's lines (the
     * retry may carry other lines: a cart that changed), with a new deadline; all lines or none.
     */
    private ReservationResponse reserveAgain(ReserveStockRequest request) {
        UUID orderId = request.orderId();
        jdbc.sql("DELETE FROM reservation_lines WHERE order_id = :orderId")
                .param("orderId", orderId)
                .update();
        Instant expiresAt = jdbc.sql("""
                        UPDATE reservations
                        SET status = 'RESERVED', release_reason = NULL, updated_at = now(),
                            expires_at = now() + make_interval(secs => :ttl)
                        WHERE order_id = :orderId
                        RETURNING expires_at
                        """)
                .param("orderId", orderId)
                .param("ttl", settings.ttl().toMillis() / 1000.0)
                .query((rs, n) -> rs.getTimestamp(1).toInstant())
                .single();
        log.info("Reserving stock again for order {} (a retried checkout)", orderId);
        return take(orderId, request, expiresAt);
    }

    /** Takes the units of every line of a reservation being made, or none (throws, rolling everything back). */
    private ReservationResponse take(UUID orderId, ReserveStockRequest request, Instant expiresAt) {
        List<ReserveStockRequest.Line> lines = request.lines().stream()
                .sorted(Comparator.comparing(ReserveStockRequest.Line::productId))
                .toList();
        List<ReservationResponse.Line> reserved = new ArrayList<>();
        List<ReserveStockRequest.Line> missing = new ArrayList<>();
        for (ReserveStockRequest.Line line : lines) {
            Optional<ReservationResponse.Line> taken = jdbc.sql("""
                            UPDATE products
                            SET available_quantity = available_quantity - :quantity, updated_at = now()
                            WHERE id = :productId AND active AND available_quantity >= :quantity
                            RETURNING sku, name, price_amount, currency
                            """)
                    .param("productId", line.productId())
                    .param("quantity", line.quantity())
                    .query((rs, n) -> new ReservationResponse.Line(
                            line.productId(),
                            rs.getString("sku"),
                            rs.getString("name"),
                            line.quantity(),
                            new Money(rs.getLong("price_amount"), rs.getString("currency"))))
                    .optional();
            taken.ifPresentOrElse(reserved::add, () -> missing.add(line));
        }
        if (!missing.isEmpty()) {
            // Rolls back everything above, the reservation row included.
            throw new InsufficientStock(shortages(missing));
        }
        insertLines(orderId, reserved);
        changed(reserved);
        // Answered from what was just written, in the order a repeat reads it back (lines by product id as PostgreSQL
        // sorts uuids: bytewise, as their canonical text), so that a repeat answers byte for byte what this one did.
        List<ReservationResponse.Line> answered = reserved.stream()
                .sorted(Comparator.comparing(line -> line.productId().toString()))
                .toList();
        return new ReservationResponse(orderId, ReservationStatus.RESERVED.name(), expiresAt, answered);
    }

    /** Every line of a new reservation in one INSERT: one round trip however many lines. */
    private void insertLines(UUID orderId, List<ReservationResponse.Line> lines) {
        StringBuilder sql = new StringBuilder(
                "INSERT INTO reservation_lines (order_id, product_id, quantity, sku, name, unit_price_amount, currency)"
                        + " VALUES ");
        Map<String, Object> params = new HashMap<>();
        params.put("orderId", orderId);
        for (int i = 0; i < lines.size(); i++) {
            ReservationResponse.Line line = lines.get(i);
            sql.append(i == 0 ? "" : ", ")
                    .append("(:orderId, :productId%1$d, :quantity%1$d, :sku%1$d, :name%1$d, :amount%1$d, :currency%1$d)"
                            .formatted(i));
            params.put("productId" + i, line.productId());
            params.put("quantity" + i, line.quantity());
            params.put("sku" + i, line.sku());
            params.put("name" + i, line.name());
            params.put("amount" + i, line.unitPrice().amount());
            params.put("currency" + i, line.unitPrice().currency());
        }
        jdbc.sql(sql.toString()).params(params).update();
    }

    /** The order was paid: the units leave the shelf for good. Confirming twice is harmless. */
    ReservationResponse confirm(UUID orderId) {
        ReservationStatus status = lock(orderId).status();
        switch (status) {
            case CONFIRMED -> {
                return get(orderId);
            }
            case RELEASED, EXPIRED -> throw new ReservationNotActive(orderId, status, "confirmed");
            case RESERVED -> {
                // Even past expiresAt: until the expiry job ran, the units are still held for this order.
                setStatus(orderId, ReservationStatus.CONFIRMED, null);
                ReservationResponse reservation = get(orderId);
                for (ReservationResponse.Line line : sorted(reservation)) {
                    jdbc.sql("UPDATE products SET stock_quantity = stock_quantity - :quantity, updated_at = now()"
                                    + " WHERE id = :productId")
                            .param("quantity", line.quantity())
                            .param("productId", line.productId())
                            .update();
                }
                return reservation;
            }
        }
        throw new IllegalStateException("Unknown status " + status);
    }

    /**
     * The order was paid (OrderPaid): confirms its reservation. A held reservation is confirmed as by
     * {@link #confirm}; one released for any reason but a cancel (it expired meanwhile, or order-service released it
     * when the checkout's commit failed although the order was written) takes its stock again with the same
     * conditional update as a new reservation, all lines or none, else the order cannot be served
     * ({@code STOCK_UNAVAILABLE}). A reservation released by a cancel means the order was cancelled (a cancel always
     * releases, and a cancelled order never becomes paid), so its OrderPaid is stale and confirms nothing: taking the
     * stock again would strand it on a cancelled order. Repeating it is harmless.
     */
    PaidOutcome paid(UUID orderId) {
        Optional<Held> found = tryLock(orderId);
        if (found.isEmpty()) {
            return PaidOutcome.NO_RESERVATION;
        }
        ReservationStatus status = found.get().status();
        if (status == ReservationStatus.RELEASED && found.get().reason() != ReleaseReason.CHECKOUT_FAILED) {
            return PaidOutcome.ORDER_CANCELLED;
        }
        switch (status) {
            case CONFIRMED -> {
                return PaidOutcome.CONFIRMED;
            }
            case RESERVED -> {
                confirm(orderId);
                return PaidOutcome.CONFIRMED;
            }
            case RELEASED, EXPIRED -> {
                List<ReservationResponse.Line> lines = sorted(get(orderId));
                if (!takeAgain(lines)) {
                    return PaidOutcome.STOCK_UNAVAILABLE;
                }
                setStatus(orderId, ReservationStatus.CONFIRMED, null);
                for (ReservationResponse.Line line : lines) {
                    jdbc.sql("UPDATE products SET stock_quantity = stock_quantity - :quantity, updated_at = now()"
                                    + " WHERE id = :productId")
                            .param("quantity", line.quantity())
                            .param("productId", line.productId())
                            .update();
                }
                changed(lines);
                return PaidOutcome.CONFIRMED;
            }
        }
        throw new IllegalStateException("Unknown status " + status);
    }

    /**
     * The order was cancelled (OrderCancelled): releases its reservation, if it has one. Idempotent, and a no-op
     * after order-service's own synchronous release.
     */
    void cancelled(UUID orderId) {
        if (tryLock(orderId).isPresent()) {
            release(orderId);
        }
    }

    /**
     * Takes every line's units off sale again, in product id order; if one line cannot be served, gives back what
     * the others took (their rows are still locked by this transaction) and answers {@code false}.
     */
    private boolean takeAgain(List<ReservationResponse.Line> lines) {
        List<ReservationResponse.Line> taken = new ArrayList<>();
        for (ReservationResponse.Line line : lines) {
            int updated = jdbc.sql("""
                            UPDATE products
                            SET available_quantity = available_quantity - :quantity, updated_at = now()
                            WHERE id = :productId AND active AND available_quantity >= :quantity
                            """)
                    .param("productId", line.productId())
                    .param("quantity", line.quantity())
                    .update();
            if (updated == 0) {
                for (ReservationResponse.Line back : taken) {
                    jdbc.sql("UPDATE products SET available_quantity = available_quantity + :quantity"
                                    + " WHERE id = :productId")
                            .param("quantity", back.quantity())
                            .param("productId", back.productId())
                            .update();
                }
                return false;
            }
            taken.add(line);
        }
        return true;
    }

    /**
     * The order was cancelled: held units go back on sale, and so do confirmed ones (a paid order cancelled before
     * shipping). Releasing twice, or after expiry, is harmless; an expired reservation becomes RELEASED, so that an
     * OrderPaid handled after the cancel (another instance, or a redelivery) knows the order is cancelled.
     */
    ReservationResponse release(UUID orderId) {
        return release(orderId, ReleaseReason.CANCELLED);
    }

    /**
     * Releases for a reason: {@link ReleaseReason#CANCELLED} as {@link #release(UUID)}; {@link
     * ReleaseReason#CHECKOUT_FAILED} releases only held, unconfirmed stock (a failed checkout never undoes a paid
     * order's) and leaves the reservation open to a retry of the same checkout and to a late OrderPaid.
     */
    ReservationResponse release(UUID orderId, ReleaseReason reason) {
        return release(orderId, ReservationStatus.RELEASED, reason);
    }

    /**
     * Reservations past their deadline, oldest first, unlocked: each is then expired in a transaction of its own
     * ({@link #expireIfDue}). Expiring a batch in one transaction would lock the product rows of many reservations in
     * deadline order while checkouts lock theirs in product id order, and the two deadlock.
     */
    @SuppressWarnings("NullAway") // order_id is NOT NULL; JdbcClient's single-column list admits nulls in its type
    List<UUID> due(int limit) {
        return jdbc.sql("""
                        SELECT order_id FROM reservations
                        WHERE status = 'RESERVED' AND expires_at < now()
                        ORDER BY expires_at
                        LIMIT :limit
                        """).param("limit", limit).query(UUID.class).list();
    }

    /**
     * Releases one reservation as EXPIRED if it is still held and past its deadline (the database's clock) and no
     * other instance is working on it; must run in its own transaction. Its product rows are locked in id order, as a
     * reservation locks them.
     */
    boolean expireIfDue(UUID orderId) {
        Optional<UUID> locked =
                jdbc.sql("""
                        SELECT order_id FROM reservations
                        WHERE order_id = :orderId AND status = 'RESERVED' AND expires_at < now()
                        FOR UPDATE SKIP LOCKED
                        """).param("orderId", orderId).query(UUID.class).optional();
        if (locked.isEmpty()) {
            return false;
        }
        release(orderId, ReservationStatus.EXPIRED, ReleaseReason.EXPIRED);
        return true;
    }

    @Transactional(readOnly = true)
    Optional<ReservationResponse> find(UUID orderId) {
        return jdbc.sql("SELECT status, expires_at FROM reservations WHERE order_id = :orderId")
                .param("orderId", orderId)
                .query((rs, n) -> new ReservationResponse(
                        orderId,
                        rs.getString("status"),
                        rs.getTimestamp("expires_at").toInstant(),
                        lines(orderId)))
                .optional();
    }

    private ReservationResponse release(UUID orderId, ReservationStatus target, ReleaseReason reason) {
        Held held = lock(orderId);
        ReservationStatus status = held.status();
        if (!status.holdsStock()) {
            if (reason == ReleaseReason.CANCELLED && held.reason() != ReleaseReason.CANCELLED) {
                // The order is cancelled for good: a late OrderPaid must not take the stock again.
                setStatus(orderId, ReservationStatus.RELEASED, ReleaseReason.CANCELLED);
            }
            return get(orderId);
        }
        if (status == ReservationStatus.CONFIRMED && reason != ReleaseReason.CANCELLED) {
            return get(orderId); // only a cancel gives a paid order's units back
        }
        setStatus(orderId, target, reason);
        ReservationResponse reservation = get(orderId);
        boolean shipped = status == ReservationStatus.CONFIRMED;
        for (ReservationResponse.Line line : sorted(reservation)) {
            jdbc.sql("UPDATE products SET available_quantity = available_quantity + :quantity,"
                            + " stock_quantity = stock_quantity + :restock, updated_at = now() WHERE id = :productId")
                    .param("quantity", line.quantity())
                    .param("restock", shipped ? line.quantity() : 0)
                    .param("productId", line.productId())
                    .update();
        }
        changed(reservation.lines());
        return reservation;
    }

    private Held lock(UUID orderId) {
        return tryLock(orderId).orElseThrow(() -> new ReservationNotFound(orderId));
    }

    private Optional<Held> tryLock(UUID orderId) {
        return jdbc.sql(
                        "SELECT status, release_reason, expires_at FROM reservations WHERE order_id = :orderId FOR UPDATE")
                .param("orderId", orderId)
                .query((rs, n) -> new Held(
                        ReservationStatus.valueOf(rs.getString("status")),
                        rs.getString("release_reason") == null
                                ? null
                                : ReleaseReason.of(rs.getString("release_reason"))
                                        .orElseThrow(),
                        rs.getTimestamp("expires_at").toInstant()))
                .optional();
    }

    private void setStatus(UUID orderId, ReservationStatus status, @Nullable ReleaseReason reason) {
        jdbc.sql("UPDATE reservations SET status = :status, release_reason = :reason, updated_at = now()"
                        + " WHERE order_id = :orderId")
                .param("status", status.name())
                .param("reason", reason == null ? null : reason.value())
                .param("orderId", orderId)
                .update();
    }

    private ReservationResponse get(UUID orderId) {
        return find(orderId).orElseThrow(() -> new ReservationNotFound(orderId));
    }

    private List<ReservationResponse.Line> lines(UUID orderId) {
        return jdbc.sql("""
                        SELECT product_id, sku, name, quantity, unit_price_amount, currency
                        FROM reservation_lines WHERE order_id = :orderId ORDER BY product_id
                        """)
                .param("orderId", orderId)
                .query((rs, n) -> new ReservationResponse.Line(
                        rs.getObject("product_id", UUID.class),
                        rs.getString("sku"),
                        rs.getString("name"),
                        rs.getInt("quantity"),
                        new Money(rs.getLong("unit_price_amount"), rs.getString("currency"))))
                .list();
    }

    private List<Shortage> shortages(List<ReserveStockRequest.Line> missing) {
        Map<UUID, Integer> available = new HashMap<>();
        for (ReserveStockRequest.Line line : missing) {
            jdbc.sql("SELECT CASE WHEN active THEN available_quantity ELSE 0 END FROM products WHERE id = :id")
                    .param("id", line.productId())
                    .query(Integer.class)
                    .optional()
                    .ifPresent(units -> available.put(line.productId(), units));
        }
        return missing.stream()
                .map(l -> new Shortage(l.productId(), l.quantity(), available.getOrDefault(l.productId(), 0)))
                .toList();
    }

    private void changed(List<ReservationResponse.Line> lines) {
        Set<UUID> ids = new HashSet<>();
        lines.forEach(l -> ids.add(l.productId()));
        events.publishEvent(new ProductsChanged(ids));
    }

    private static List<ReservationResponse.Line> sorted(ReservationResponse reservation) {
        return reservation.lines().stream()
                .sorted(Comparator.comparing(ReservationResponse.Line::productId))
                .toList();
    }

    private static Map<UUID, Integer> quantities(ReservationResponse reservation) {
        return reservation.lines().stream()
                .collect(Collectors.toMap(ReservationResponse.Line::productId, ReservationResponse.Line::quantity));
    }

    private static Map<UUID, Integer> requested(ReserveStockRequest request) {
        return request.lines().stream()
                .collect(Collectors.toMap(ReserveStockRequest.Line::productId, ReserveStockRequest.Line::quantity));
    }

    /**
     * A reservation's row, locked.
     *
     * @param reason why it gave its stock back, if it did
     */
    private record Held(ReservationStatus status, @Nullable ReleaseReason reason, Instant expiresAt) {

        /** Expired, or released by a failed checkout: a retry of that checkout may reserve it again. */
        boolean mayReserveAgain() {
            return status == ReservationStatus.EXPIRED
                    || (status == ReservationStatus.RELEASED && reason == ReleaseReason.CHECKOUT_FAILED);
        }
    }

    /** What an OrderPaid did to the order's reservation. */
    enum PaidOutcome {
        /** The stock is confirmed (now, or already before). */
        CONFIRMED,
        /** The reservation was released (not by a cancel) and its stock is sold out: the order cannot be served. */
        STOCK_UNAVAILABLE,
        /** The reservation was released because the order was cancelled; nothing to confirm. */
        ORDER_CANCELLED,
        /** No reservation exists for the order. */
        NO_RESERVATION
    }

    /**
     * The outcome of a reservation request.
     *
     * @param reservation the reservation
     * @param created whether this request created it (false for a repeat)
     */
    record Result(ReservationResponse reservation, boolean created) {}
}
