package com.northwind.shop.products.stock;

import com.northwind.shop.products.config.ProductsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts the stock of unconfirmed reservations back on sale once they expire, so that a crashed or abandoned checkout
 * never strands stock. Safe with any number of instances: each batch locks its rows with {@code FOR UPDATE SKIP
 * LOCKED}, so instances share the work instead of doing it twice.
 */
@Component
class ReservationExpiry {

    private static final Logger log = LoggerFactory.getLogger(ReservationExpiry.class);

    private final ReservationService reservations;
    private final TransactionTemplate transactions;
    private final int batchSize;

    ReservationExpiry(
            ReservationService reservations, TransactionTemplate transactions, ProductsProperties properties) {
        this.reservations = reservations;
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

    /** Expires every due reservation, one batch per transaction; returns how many. */
    int expireDue() {
        int total = 0;
        int expired;
        do {
            Integer batch = transactions.execute(status -> reservations.expireDue(batchSize));
            expired = batch != null ? batch : 0;
            total += expired;
        } while (expired == batchSize);
        return total;
    }
}
