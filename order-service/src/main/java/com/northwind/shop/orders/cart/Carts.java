package com.northwind.shop.orders.cart;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

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

    void put(UUID userId, UUID productId, int quantity) {
        jdbc.update("""
                INSERT INTO cart_items (user_id, product_id, quantity) VALUES (?, ?, ?)
                ON CONFLICT (user_id, product_id) DO UPDATE SET quantity = EXCLUDED.quantity
                """, userId, productId, quantity);
    }

    /**
     * Moves a guest cart into a user's cart: quantities of a product in both are added, up to {@code maxQuantity}.
     */
    void merge(UUID guestCart, UUID userId, int maxQuantity) {
        jdbc.update("""
                INSERT INTO cart_items (user_id, product_id, quantity, added_at)
                SELECT ?, product_id, quantity, added_at FROM cart_items WHERE user_id = ?
                ON CONFLICT (user_id, product_id)
                DO UPDATE SET quantity = LEAST(cart_items.quantity + EXCLUDED.quantity, ?)
                """, userId, guestCart, maxQuantity);
        clear(guestCart);
    }

    void remove(UUID userId, UUID productId) {
        jdbc.update("DELETE FROM cart_items WHERE user_id = ? AND product_id = ?", userId, productId);
    }
}
