package com.northwind.shop.orders.order;

import com.northwind.shop.orders.config.OrdersProperties;
import com.northwind.shop.orders.product.ProductCatalogClient;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cancels unpaid orders past their {@code expiresAt} and releases their stock. Safe with any number of instances:
 * each batch locks its rows with {@code FOR UPDATE SKIP LOCKED}, so two instances never take the same order. A
 * customer's cancel or a payment ({@link PaymentEventHandlers}) of the same order takes the same row lock: it either goes first
 * (the job then skips the row, or no longer finds it awaiting payment) or waits and finds the order cancelled.
 */
@Component
public class OrderExpiryJob {

    private static final Logger log = LoggerFactory.getLogger(OrderExpiryJob.class);

    private final JdbcTemplate jdbc;
    private final OrderService orders;
    private final ProductCatalogClient products;
    private final OrdersProperties properties;
    private final TransactionTemplate transactions;

    OrderExpiryJob(
            JdbcTemplate jdbc,
            OrderService orders,
            ProductCatalogClient products,
            OrdersProperties properties,
            PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.orders = orders;
        this.products = products;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Scheduled(
            fixedDelayString = "${northwind.orders.expiry-interval}",
            initialDelayString = "${northwind.orders.expiry-interval}")
    void run() {
        try {
            int expired = expireDue();
            if (expired > 0) {
                log.info("Cancelled {} unpaid orders past their payment deadline", expired);
            }
        } catch (RuntimeException ex) {
            log.warn("Order expiry failed; retrying on the next run", ex);
        }
    }

    /** Cancels every unpaid order past its deadline; returns how many this instance cancelled. */
    public int expireDue() {
        int total = 0;
        while (true) {
            List<UUID> batch = Objects.requireNonNull(transactions.execute(status -> {
                // One clock for deadlines: the database's, which every instance shares (a JVM's may drift).
                List<UUID> due =
                        jdbc.query("""
                        SELECT id FROM orders
                        WHERE status = 'AWAITING_PAYMENT' AND expires_at <= now()
                        ORDER BY expires_at
                        LIMIT ?
                        FOR UPDATE SKIP LOCKED
                        """, (row, number) -> row.getObject(1, UUID.class), properties.expiryBatchSize());
                if (due.isEmpty()) {
                    return List.<UUID>of();
                }
                Instant now = Objects.requireNonNull(jdbc.queryForObject("SELECT now()", Timestamp.class))
                        .toInstant();
                List<UUID> cancelled = new ArrayList<>();
                for (UUID id : due) {
                    if (orders.expire(id, now)) {
                        cancelled.add(id);
                    }
                }
                return cancelled;
            }));
            // Released after commit: the reservation must not go before the order is cancelled for good.
            batch.forEach(products::releaseQuietly);
            total += batch.size();
            if (batch.size() < properties.expiryBatchSize()) {
                return total;
            }
        }
    }
}
