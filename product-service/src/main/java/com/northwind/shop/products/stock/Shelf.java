package com.northwind.shop.products.stock;

import com.northwind.shop.products.catalog.Money;
import com.northwind.shop.products.catalog.ProductsChanged;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The units of the products a reservation holds, on the product rows. Oversell is impossible by construction: a unit is
 * taken with {@code UPDATE ... SET available = available - n WHERE available >= n}, which PostgreSQL applies to the
 * latest committed row under its row lock, and the table's CHECK rejects a negative count anyway. Rows are always
 * touched in product id order so that two orders sharing products never deadlock.
 */
@Component
class Shelf {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    Shelf(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Takes a line's units off sale if the product is active and has them, answering its name and price. */
    Optional<ReservationResponse.Line> take(ReserveStockRequest.Line line) {
        return jdbc.sql("""
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
    }

    /**
     * Takes every line's units off sale again; if one line cannot be served, gives back what the others took (their
     * rows are still locked by this transaction) and answers {@code false}.
     */
    boolean takeAgain(List<ReservationResponse.Line> lines) {
        List<ReservationResponse.Line> taken = new ArrayList<>();
        for (ReservationResponse.Line line : inIdOrder(lines)) {
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

    /** The units of a paid order leave the shelf for good (they were off sale already). */
    void ship(List<ReservationResponse.Line> lines) {
        for (ReservationResponse.Line line : inIdOrder(lines)) {
            jdbc.sql("UPDATE products SET stock_quantity = stock_quantity - :quantity, updated_at = now()"
                            + " WHERE id = :productId")
                    .param("quantity", line.quantity())
                    .param("productId", line.productId())
                    .update();
        }
    }

    /** The units go back on sale, and back on the shelf too if they had left it ({@code shipped}). */
    void giveBack(List<ReservationResponse.Line> lines, boolean shipped) {
        for (ReservationResponse.Line line : inIdOrder(lines)) {
            jdbc.sql("UPDATE products SET available_quantity = available_quantity + :quantity,"
                            + " stock_quantity = stock_quantity + :restock, updated_at = now() WHERE id = :productId")
                    .param("quantity", line.quantity())
                    .param("restock", shipped ? line.quantity() : 0)
                    .param("productId", line.productId())
                    .update();
        }
    }

    /** What each line that could not be taken asked for, and what is on sale (0 for an unknown or inactive product). */
    List<Shortage> shortages(List<ReserveStockRequest.Line> missing) {
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

    /** The units on sale of these products changed: their cached representations are evicted after the commit. */
    void changed(List<ReservationResponse.Line> lines) {
        Set<UUID> ids = new HashSet<>();
        lines.forEach(l -> ids.add(l.productId()));
        events.publishEvent(new ProductsChanged(ids));
    }

    private static List<ReservationResponse.Line> inIdOrder(List<ReservationResponse.Line> lines) {
        return lines.stream()
                .sorted(Comparator.comparing(ReservationResponse.Line::productId))
                .toList();
    }
}
