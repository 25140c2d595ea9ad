package com.northwind.shop.payments.payment;

import com.northwind.shop.payments.config.PaymentsProperties;
import com.northwind.shop.payments.processor.CardProcessor;
import com.northwind.shop.payments.processor.ChargeOutcome;
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
 * Settles payments whose processor answer never arrived: asks the processor what it recorded under the payment id
 * and applies it (SUCCEEDED with its event, or FAILED). A charge that never reached the processor is settled there as
 * cancelled, so it can never land later; nothing is ever charged here. The paying request's Idempotency-Key, if
 * that request died before it could answer, is completed with the settled payment's answer. Safe with any number of instances: each batch
 * locks its rows with {@code FOR UPDATE SKIP LOCKED}.
 */
@Component
public class PendingPaymentResolver {

    private static final Logger log = LoggerFactory.getLogger(PendingPaymentResolver.class);

    private final JdbcTemplate jdbc;
    private final PaymentSettlement settlement;
    private final PaymentAnswers answers;
    private final Payments repository;
    private final CardProcessor processor;
    private final PaymentsProperties properties;
    private final TransactionTemplate transactions;

    PendingPaymentResolver(
            JdbcTemplate jdbc,
            PaymentSettlement settlement,
            PaymentAnswers answers,
            Payments repository,
            CardProcessor processor,
            PaymentsProperties properties,
            PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.settlement = settlement;
        this.answers = answers;
        this.repository = repository;
        this.processor = processor;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Scheduled(
            fixedDelayString = "${northwind.payments.resolver-interval}",
            initialDelayString = "${northwind.payments.resolver-interval}")
    void run() {
        try {
            int resolved = resolveDue();
            if (resolved > 0) {
                log.info("Settled {} payments whose processor answer had not arrived", resolved);
            }
        } catch (RuntimeException ex) {
            log.warn("Resolving pending payments failed; retrying on the next run", ex);
        }
    }

    /** Settles every PENDING payment older than {@code resolve-after}; returns how many this instance settled. */
    public int resolveDue() {
        int total = 0;
        while (true) {
            Integer settled = transactions.execute(status -> {
                List<UUID> due = lockDue();
                for (UUID id : due) {
                    Payment payment = repository.findById(id).orElseThrow();
                    ChargeOutcome outcome = processor.find(id).orElseGet(() -> processor.settle(id, payment.amount()));
                    answers.completeKeyOf(settlement.settle(id, outcome));
                }
                return due.size();
            });
            int count = Objects.requireNonNull(settled);
            total += count;
            if (count < properties.resolverBatchSize()) {
                return total;
            }
        }
    }

    /** A batch of PENDING payments older than {@code resolve-after}, oldest first, locked unless another has them. */
    @SuppressWarnings("NullAway") // id is NOT NULL; JdbcTemplate's single-column list admits nulls in its type
    private List<UUID> lockDue() {
        return jdbc.queryForList(
                """
                SELECT id FROM payments
                WHERE status = 'PENDING' AND created_at <= now() - make_interval(secs => ?)
                ORDER BY created_at
                LIMIT ?
                FOR UPDATE SKIP LOCKED
                """, UUID.class, properties.resolveAfter().toMillis() / 1000.0, properties.resolverBatchSize());
    }
}
