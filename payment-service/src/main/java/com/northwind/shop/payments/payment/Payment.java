package com.northwind.shop.payments.payment;

import com.northwind.shop.payments.Money;
import com.northwind.shop.payments.processor.ChargeOutcome;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/**
 * One attempt to pay an order with a card, and what was refunded of it. Only the card's brand and last four digits
 * are kept. The rules of its life (PENDING to SUCCEEDED or FAILED, refunds never above the captured amount) live
 * here.
 */
@Entity
@Table(name = "payments")
class Payment {

    @Id
    private UUID id;

    @Column(name = "order_id")
    private UUID orderId;

    @Column(name = "user_id")
    private UUID userId;

    @Enumerated(EnumType.STRING)
    private PaymentStatus status;

    private long amount;

    @Column(length = 3)
    @JdbcTypeCode(SqlTypes.CHAR)
    private String currency;

    @Column(name = "refunded_amount")
    private long refundedAmount;

    @Column(name = "card_brand")
    private @Nullable String cardBrand;

    @Column(name = "card_last4", length = 4)
    @JdbcTypeCode(SqlTypes.CHAR)
    private @Nullable String cardLast4;

    @Column(name = "failure_reason")
    private @Nullable String failureReason;

    /** The Idempotency-Key of the request that started the payment; null for rows older than the column. */
    @Column(name = "idempotency_key")
    private @Nullable String idempotencyKey;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Version
    private @Nullable Long version;

    protected Payment() {
        this.id = new UUID(0, 0);
        this.orderId = id;
        this.userId = id;
        this.status = PaymentStatus.PENDING;
        this.currency = "";
        this.createdAt = Instant.EPOCH;
        this.updatedAt = Instant.EPOCH;
    }

    /** A payment about to be sent to the processor. */
    static Payment pending(
            UUID orderId, UUID userId, String idempotencyKey, Money amount, String brand, String last4, Instant now) {
        Payment payment = new Payment();
        payment.idempotencyKey = idempotencyKey;
        payment.id = UUID.randomUUID();
        payment.orderId = orderId;
        payment.userId = userId;
        payment.amount = amount.amount();
        payment.currency = amount.currency();
        payment.cardBrand = brand;
        payment.cardLast4 = last4;
        payment.createdAt = now;
        payment.updatedAt = now;
        return payment;
    }

    /**
     * Records what the processor did with the charge: captured → SUCCEEDED; declined, no funds or never charged →
     * FAILED with the reason a client reads. False if the payment was settled already (the resolver, or the request,
     * came first), which leaves it as it is.
     */
    boolean settle(ChargeOutcome outcome, Instant now) {
        return switch (outcome) {
            case SUCCEEDED -> succeed(now);
            case DECLINED -> fail("declined", now);
            case INSUFFICIENT_FUNDS -> fail("insufficient_funds", now);
            case CANCELLED -> fail("processor_no_charge", now);
        };
    }

    /** Records the capture; false if the payment was settled already. */
    private boolean succeed(Instant now) {
        if (status != PaymentStatus.PENDING) {
            return false;
        }
        status = PaymentStatus.SUCCEEDED;
        updatedAt = now;
        return true;
    }

    /** Records the failure; false if the payment was settled already. */
    private boolean fail(String reason, Instant now) {
        if (status != PaymentStatus.PENDING) {
            return false;
        }
        status = PaymentStatus.FAILED;
        failureReason = reason;
        updatedAt = now;
        return true;
    }

    /** What can still be refunded: the captured amount not yet refunded, zero if nothing was captured. */
    long refundable() {
        return isCaptured() ? amount - refundedAmount : 0;
    }

    boolean isCaptured() {
        return status == PaymentStatus.SUCCEEDED
                || status == PaymentStatus.PARTIALLY_REFUNDED
                || status == PaymentStatus.REFUNDED;
    }

    /** Gives back part of the captured amount; the caller holds the row lock and checked {@link #refundable()}. */
    void refund(long refund, Instant now) {
        if (refund <= 0 || refund > refundable()) {
            throw new IllegalStateException("Refund of " + refund + " exceeds what payment " + id + " can refund");
        }
        refundedAmount += refund;
        status = refundedAmount == amount ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
        updatedAt = now;
    }

    boolean isOwnedBy(UUID user) {
        return userId.equals(user);
    }

    UUID id() {
        return id;
    }

    UUID orderId() {
        return orderId;
    }

    UUID userId() {
        return userId;
    }

    @Nullable
    String idempotencyKey() {
        return idempotencyKey;
    }

    PaymentStatus status() {
        return status;
    }

    Money amount() {
        return new Money(amount, currency);
    }

    Money refunded() {
        return new Money(refundedAmount, currency);
    }

    @Nullable
    String cardBrand() {
        return cardBrand;
    }

    @Nullable
    String cardLast4() {
        return cardLast4;
    }

    @Nullable
    String failureReason() {
        return failureReason;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    long version() {
        return version == null ? 0 : version;
    }
}
