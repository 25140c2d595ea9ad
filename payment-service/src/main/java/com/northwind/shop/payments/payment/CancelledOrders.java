package com.northwind.shop.payments.payment;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Orders that order-service announced as cancelled: payment-service refuses to charge them. */
@Component
class CancelledOrders {

    private final JdbcTemplate jdbc;

    CancelledOrders(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void remember(UUID orderId, Instant cancelledAt) {
        jdbc.update(
                "INSERT INTO cancelled_orders (order_id, cancelled_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                orderId,
                Timestamp.from(cancelledAt));
    }

    boolean contains(UUID orderId) {
        Integer count =
                jdbc.queryForObject("SELECT count(*) FROM cancelled_orders WHERE order_id = ?", Integer.class, orderId);
        return count != null && count > 0;
    }
}
