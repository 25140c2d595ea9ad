package com.northwind.shop.products.stock;

import com.northwind.shop.products.catalog.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The reservation rows ({@code reservations}, {@code reservation_lines}), one statement per method. Deadlines are the
 * database's clock, the one the expiry compares them with.
 */
@Component
class ReservationRows {

    private final JdbcClient jdbc;

    ReservationRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Writes a new RESERVED reservation and answers its deadline, or nothing if the order has one already. A
     * concurrent request for the same order waits here until the first one commits or rolls back.
     */
    Optional<Instant> insert(UUID orderId, Duration ttl) {
        return jdbc.sql("""
                        INSERT INTO reservations (order_id, status, expires_at)
                        VALUES (:orderId, 'RESERVED', now() + make_interval(secs => :ttl))
                        ON CONFLICT (order_id) DO NOTHING
                        RETURNING expires_at
                        """)
                .param("orderId", orderId)
                .param("ttl", seconds(ttl))
                .query((rs, n) -> rs.getTimestamp(1).toInstant())
                .optional();
    }

    /** Makes a reservation that gave its stock back RESERVED again, without lines, with a new deadline (answered). */
    Instant reserveAgain(UUID orderId, Duration ttl) {
        jdbc.sql("DELETE FROM reservation_lines WHERE order_id = :orderId")
                .param("orderId", orderId)
                .update();
        return jdbc.sql("""
                        UPDATE reservations
                        SET status = 'RESERVED', release_reason = NULL, updated_at = now(),
                            expires_at = now() + make_interval(secs => :ttl)
                        WHERE order_id = :orderId
                        RETURNING expires_at
                        """)
                .param("orderId", orderId)
                .param("ttl", seconds(ttl))
                .query((rs, n) -> rs.getTimestamp(1).toInstant())
                .single();
    }

    /** Every line of a new reservation in one INSERT: one round trip however many lines. */
    void insertLines(UUID orderId, List<ReservationResponse.Line> lines) {
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

    /** The order's reservation, its row locked until the transaction ends. */
    Reservation lock(UUID orderId) {
        return tryLock(orderId).orElseThrow(() -> new ReservationNotFound(orderId));
    }

    /** The order's reservation, if it has one, its row locked until the transaction ends. */
    Optional<Reservation> tryLock(UUID orderId) {
        return jdbc.sql(
                        "SELECT status, release_reason, expires_at FROM reservations WHERE order_id = :orderId FOR UPDATE")
                .param("orderId", orderId)
                .query((rs, n) -> reservation(orderId, rs))
                .optional();
    }

    /**
     * The order's reservation, locked, if it is still held and past its deadline and no other instance is working on
     * it.
     */
    Optional<Reservation> lockIfDue(UUID orderId) {
        return jdbc.sql("""
                        SELECT status, release_reason, expires_at FROM reservations
                        WHERE order_id = :orderId AND status = 'RESERVED' AND expires_at < now()
                        FOR UPDATE SKIP LOCKED
                        """)
                .param("orderId", orderId)
                .query((rs, n) -> reservation(orderId, rs))
                .optional();
    }

    /** The orders of held reservations past their deadline, oldest first, unlocked. */
    @SuppressWarnings("NullAway") // order_id is NOT NULL; JdbcClient's single-column list admits nulls in its type
    List<UUID> due(int limit) {
        return jdbc.sql("""
                        SELECT order_id FROM reservations
                        WHERE status = 'RESERVED' AND expires_at < now()
                        ORDER BY expires_at
                        LIMIT :limit
                        """).param("limit", limit).query(UUID.class).list();
    }

    /** Writes the reservation's status and release reason. */
    void update(Reservation reservation) {
        ReleaseReason reason = reservation.reason();
        jdbc.sql("UPDATE reservations SET status = :status, release_reason = :reason, updated_at = now()"
                        + " WHERE order_id = :orderId")
                .param("status", reservation.status().name())
                .param("reason", reason == null ? null : reason.value())
                .param("orderId", reservation.orderId())
                .update();
    }

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

    /** The reservation's lines by product id as PostgreSQL sorts uuids (bytewise, as their canonical text). */
    List<ReservationResponse.Line> lines(UUID orderId) {
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

    private static Reservation reservation(UUID orderId, ResultSet rs) throws SQLException {
        String reason = rs.getString("release_reason");
        return new Reservation(
                orderId,
                ReservationStatus.valueOf(rs.getString("status")),
                reason == null ? null : ReleaseReason.of(reason).orElseThrow(),
                rs.getTimestamp("expires_at").toInstant());
    }

    private static double seconds(Duration ttl) {
        return ttl.toMillis() / 1000.0;
    }
}
