package com.northwind.shop.payments.processor;

import com.northwind.shop.payments.Money;
import com.northwind.shop.payments.config.PaymentsProperties;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The stand-in for Stripe: an in-process processor that keeps its own ledger ({@code processor_charges},
 * {@code processor_refunds}) and knows Stripe's test cards. The ledger row of a charge is committed by the processor
 * on its own, as a real processor would, before the answer travels back:
 *
 * <ul>
 *   <li>{@code 4000000000000002}: declined
 *   <li>{@code 4000000000009995}: insufficient funds
 *   <li>{@code 4000000000000119}: charged, but the answer is withheld for {@code lost-answer-delay}, so the caller
 *       times out and must ask later
 *   <li>any other valid card (e.g. {@code 4242424242424242}): succeeds
 * </ul>
 */
@Component
class SimulatedCardProcessor implements CardProcessor {

    static final String DECLINED_CARD = "4000000000000002";
    static final String INSUFFICIENT_FUNDS_CARD = "4000000000009995";
    static final String LOST_ANSWER_CARD = "4000000000000119";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final PaymentsProperties properties;

    SimulatedCardProcessor(
            JdbcTemplate jdbc, PlatformTransactionManager transactionManager, PaymentsProperties properties) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.properties = properties;
    }

    @Override
    public ChargeOutcome charge(UUID paymentId, Money amount, Card card) {
        ChargeOutcome wanted = switch (card.number()) {
            case DECLINED_CARD -> ChargeOutcome.DECLINED;
            case INSUFFICIENT_FUNDS_CARD -> ChargeOutcome.INSUFFICIENT_FUNDS;
            default -> ChargeOutcome.SUCCEEDED;
        };
        ChargeOutcome recorded = record(paymentId, amount, wanted);
        if (LOST_ANSWER_CARD.equals(card.number())) {
            try {
                Thread.sleep(properties.processor().lostAnswerDelay());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("The processor's answer was abandoned", ex);
            }
        }
        return recorded;
    }

    @Override
    @SuppressWarnings("NullAway") // outcome is NOT NULL; JdbcTemplate's single-column list admits nulls in its type
    public Optional<ChargeOutcome> find(UUID paymentId) {
        List<String> outcome = jdbc.queryForList(
                "SELECT outcome FROM processor_charges WHERE payment_id = ?", String.class, paymentId);
        return outcome.stream().findFirst().map(ChargeOutcome::valueOf);
    }

    @Override
    public ChargeOutcome settle(UUID paymentId, Money amount) {
        return record(paymentId, amount, ChargeOutcome.CANCELLED);
    }

    /** Records an outcome unless one exists for the payment id; answers the one that stands. */
    private ChargeOutcome record(UUID paymentId, Money amount, ChargeOutcome outcome) {
        return Objects.requireNonNull(ownTransaction.execute(status -> {
            jdbc.update("""
                    INSERT INTO processor_charges (payment_id, amount, currency, outcome) VALUES (?, ?, ?, ?)
                    ON CONFLICT (payment_id) DO NOTHING
                    """, paymentId, amount.amount(), amount.currency(), outcome.name());
            return ChargeOutcome.valueOf(Objects.requireNonNull(jdbc.queryForObject(
                    "SELECT outcome FROM processor_charges WHERE payment_id = ?", String.class, paymentId)));
        }));
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void refund(UUID refundId, UUID paymentId, long amount) {
        long charged = lockSuccessfulCharge(paymentId)
                .orElseThrow(() -> new IllegalStateException("No successful charge " + paymentId + " to refund"));
        Long refunded = jdbc.queryForObject(
                "SELECT coalesce(sum(amount), 0) FROM processor_refunds WHERE payment_id = ? AND refund_id <> ?",
                Long.class,
                paymentId,
                refundId);
        if (Objects.requireNonNull(refunded) + amount > charged) {
            throw new IllegalStateException("Refunds would exceed charge " + paymentId);
        }
        jdbc.update(
                "INSERT INTO processor_refunds (refund_id, payment_id, amount) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                refundId,
                paymentId,
                amount);
    }

    /** The amount of the payment's successful charge, its ledger row locked until the transaction ends. */
    @SuppressWarnings("NullAway") // amount is NOT NULL; JdbcTemplate's single-column list admits nulls in its type
    private Optional<Long> lockSuccessfulCharge(UUID paymentId) {
        return jdbc
                .queryForList(
                        "SELECT amount FROM processor_charges WHERE payment_id = ? AND outcome = 'SUCCEEDED' FOR UPDATE",
                        Long.class,
                        paymentId)
                .stream()
                .findFirst();
    }
}
