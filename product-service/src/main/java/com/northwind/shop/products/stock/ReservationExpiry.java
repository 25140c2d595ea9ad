package com.northwind.shop.products.stock;

import com.northwind.shop.products.config.ProductsProperties;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts the stock of unconfirmed reservations back on sale once they expire, so that a crashed or abandoned checkout
 * never strands stock. Safe with any number of instances: each reservation is locked with {@code FOR UPDATE SKIP
 * LOCKED} in its own transaction, so instances share the work instead of doing it twice.
 */
@Component
class ReservationExpiry {

    private static final Logger log = LoggerFactory.getLogger(ReservationExpiry.class);

    private final ReservationRows reservations;
    private final ReservationService service;
    private final TransactionTemplate transactions;
    private final int batchSize;

    ReservationExpiry(
            ReservationRows reservations,
            ReservationService service,
            TransactionTemplate transactions,
            ProductsProperties properties) {
        this.reservations = reservations;
        this.service = service;
        this.transactions = transactions;
        this.batchSize = properties.reservations().expiryBatchSize();
    }

    @Scheduled(
            fixedDelayString = "${northwind.products.reservations.expiry-interval}",
            initialDelayString = "${northwind.products.reservations.expiry-interval}")
    void run() {
        try {
            expireDue();
        } catch (RuntimeException ex) {
            log.warn("Expiring reservations failed; the next run retries", ex);
        }
    }

    /**
     * Expires every due reservation, oldest first, one transaction per reservation, returning how many. Expiring a
     * batch in one transaction would lock the product rows of many reservations in deadline order while checkouts
     * lock theirs in product id order, and the two deadlock.
     */
    int expireDue() {
        int total = 0;
        while (true) {
            List<UUID> due = reservations.due(batchSize);
            int expired = 0;
            for (UUID orderId : due) {
                if (Boolean.TRUE.equals(transactions.execute(status -> service.expireIfDue(orderId)))) {
                    expired++;
                }
            }
            total += expired;
            // A short batch was the last; a batch whose rows all belonged to other instances would come back again.
            if (due.size() < batchSize || expired == 0) {
                break;
            }
        }
        if (total > 0) {
            log.info("Released {} expired reservation(s)", total);
        }
        return total;
    }
}
