package com.northwind.shop.products.stock;

import com.northwind.shop.products.catalog.ProductNotFound;
import com.northwind.shop.products.catalog.ProductQueries;
import com.northwind.shop.products.catalog.ProductResponse;
import com.northwind.shop.products.catalog.ProductsChanged;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The admin's changes to the units on the shelf (a delivery, a write-off). Like the reservations, they change the
 * stock columns with one conditional UPDATE, so a write-off can never take reserved units; each publishes
 * {@link ProductsChanged} so that caches are evicted.
 */
@Service
@Transactional
class StockAdjustments {

    private static final Logger log = LoggerFactory.getLogger(StockAdjustments.class);

    private final JdbcClient jdbc;
    private final ProductQueries products;
    private final ApplicationEventPublisher events;

    StockAdjustments(JdbcClient jdbc, ProductQueries products, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.products = products;
        this.events = events;
    }

    /** Adds units to the shelf, or removes unreserved ones; reserved units cannot be written off. */
    ProductResponse adjust(UUID id, StockAdjustmentRequest request) {
        int delta = request.delta();
        int updated = jdbc.sql("""
                        UPDATE products
                        SET stock_quantity = stock_quantity + :delta,
                            available_quantity = available_quantity + :delta,
                            updated_at = now()
                        WHERE id = :id AND available_quantity + :delta >= 0
                        """).param("delta", delta).param("id", id).update();
        if (updated == 0) {
            if (!exists(id)) {
                throw new ProductNotFound(id);
            }
            throw new InsufficientStock(id, delta);
        }
        log.info("Stock of product {} adjusted by {}: {}", id, delta, request.reason());
        events.publishEvent(new ProductsChanged(Set.of(id)));
        return products.product(id).orElseThrow(() -> new ProductNotFound(id));
    }

    private boolean exists(UUID id) {
        return jdbc.sql("SELECT 1 FROM products WHERE id = :id")
                .param("id", id)
                .query(Integer.class)
                .optional()
                .isPresent();
    }
}
