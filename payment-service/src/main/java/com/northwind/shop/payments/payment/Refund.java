package com.northwind.shop.payments.payment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Money given back from a captured payment; a payment may have several partial refunds. */
@Entity
@Table(name = "refunds")
class Refund {

    @Id
    private UUID id;

    @Column(name = "payment_id")
    private UUID paymentId;

    private long amount;

    @Column(length = 3)
    @JdbcTypeCode(SqlTypes.CHAR)
    private String currency;

    private String reason;

    @Column(name = "created_at")
    private Instant createdAt;

    protected Refund() {
        this.id = new UUID(0, 0);
        this.paymentId = id;
        this.currency = "";
        this.reason = "";
        this.createdAt = Instant.EPOCH;
    }

    Refund(UUID id, UUID paymentId, long amount, String currency, String reason, Instant createdAt) {
        this.id = id;
        this.paymentId = paymentId;
        this.amount = amount;
        this.currency = currency;
        this.reason = reason;
        this.createdAt = createdAt;
    }

    UUID id() {
        return id;
    }

    UUID paymentId() {
        return paymentId;
    }

    long amount() {
        return amount;
    }

    String currency() {
        return currency;
    }

    String reason() {
        return reason;
    }

    Instant createdAt() {
        return createdAt;
    }
}
