package com.northwind.shop.orders.cart;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The persisted carts: one per user, product ids and quantities only. */
@Component
public class Carts {

    private final JdbcTemplate jdbc;

    Carts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The user's cart lines, oldest first. */
    public List<CartLine> lines(UUID userId) {
        return jdbc.query(
                "SELECT product_id, quantity FROM cart_items WHERE user_id = ? ORDER BY added_at, product_id",
                (rs, i) -> new CartLine(rs.getObject(1, UUID.class), rs.getInt(2)),
                userId);
    }

    /** Empties the user's cart, e.g. once it became an order (in that order's transaction). */
    public void clear(UUID userId) {
        jdbc.update("DELETE FROM cart_items WHERE user_id = ?", userId);
    }

    /**
     * Sets a line's quantity, adding the line only while the cart holds fewer than {@code maxItems} products; false
     * when the cart is full. Exact under concurrency: the cart's changes are serialised (see {@link #lock}).
     */
    @Transactional
    boolean put(UUID userId, UUID productId, int quantity, int maxItems) {
        lock(userId);
        return jdbc.update("""
                INSERT INTO cart_items (user_id, product_id, quantity)
                SELECT ?, ?, ?
                WHERE EXISTS (SELECT 1 FROM cart_items WHERE user_id = ? AND product_id = ?)
                   OR (SELECT count(*) FROM cart_items WHERE user_id = ?) < ?
                ON CONFLICT (user_id, product_id) DO UPDATE SET quantity = EXCLUDED.quantity
                """, userId, productId, quantity, userId, productId, userId, maxItems) == 1;
    }

    /**
     * Moves a guest cart into a user's cart: quantities of a product in both are added, up to {@code maxQuantity};
     * products new to the user's cart join, oldest first, while it holds fewer than {@code maxItems}. The guest cart
     * is empty afterwards.
     */
    @Transactional
    void merge(UUID guestCart, UUID userId, int maxQuantity, int maxItems) {
        lock(userId);
        jdbc.update("""
                WITH guest AS (
                    SELECT g.product_id, g.quantity, g.added_at,
                           EXISTS (SELECT 1 FROM cart_items u WHERE u.user_id = ? AND u.product_id = g.product_id)
                               AS present
                    FROM cart_items g WHERE g.user_id = ?
                ), room AS (
                    SELECT GREATEST(? - count(*), 0) AS free FROM cart_items WHERE user_id = ?
                )
                INSERT INTO cart_items (user_id, product_id, quantity, added_at)
                SELECT ?, product_id, quantity, added_at FROM guest WHERE present
                UNION ALL
                (SELECT ?, product_id, quantity, added_at FROM guest WHERE NOT present
                 ORDER BY added_at, product_id LIMIT (SELECT free FROM room))
                ON CONFLICT (user_id, product_id)
                DO UPDATE SET quantity = LEAST(cart_items.quantity + EXCLUDED.quantity, ?)
                """, userId, guestCart, maxItems, userId, userId, userId, maxQuantity);
        clear(guestCart);
    }

    /**
     * Holds the cart's transaction-scoped advisory lock: two requests adding to one cart at once take turns, so the
     * second counts the first's line. The key is the cart id folded to 64 bits (a collision only makes two carts
     * take turns).
     */
    private void lock(UUID cartId) {
        jdbc.queryForObject(
                "SELECT pg_advisory_xact_lock(?)",
                (rs, i) -> 0,
                cartId.getMostSignificantBits() ^ cartId.getLeastSignificantBits());
    }

    void remove(UUID userId, UUID productId) {
        jdbc.update("DELETE FROM cart_items WHERE user_id = ? AND product_id = ?", userId, productId);
    }
}
