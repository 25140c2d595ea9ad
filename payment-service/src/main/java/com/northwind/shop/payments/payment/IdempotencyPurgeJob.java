package com.northwind.shop.payments.payment;

import com.northwind.shop.payments.config.PaymentsProperties;
import com.northwind.shop.platform.idempotency.IdempotencyRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes Idempotency-Key records past their retention (48 h by default; keys are honoured at least 24 h). */
@Component
class IdempotencyPurgeJob {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyPurgeJob.class);

    private final IdempotencyRecords records;
    private final PaymentsProperties properties;

    IdempotencyPurgeJob(JdbcTemplate jdbc, PaymentsProperties properties) {
        this.records = new IdempotencyRecords(jdbc);
        this.properties = properties;
    }

    @Scheduled(
            fixedDelayString = "${northwind.payments.purge-interval}",
            initialDelayString = "${northwind.payments.purge-interval}")
    void run() {
        try {
            purge();
        } catch (RuntimeException ex) {
            log.warn("Purging old Idempotency-Key records failed; retrying on the next run", ex);
        }
    }

    /** Deletes the records older than the retention; a DELETE, so several instances may run it at once. */
    int purge() {
        int purged = records.purgeOlderThan(properties.idempotencyRetention());
        if (purged > 0) {
            log.info("Purged {} Idempotency-Key records older than {}", purged, properties.idempotencyRetention());
        }
        return purged;
    }
}
