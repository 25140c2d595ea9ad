package com.northwind.shop.payments.payment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.springframework.data.domain.Persistable;

/** Money given back from a captured payment; a payment may have several partial refunds. */
@Entity
@Table(name = "refunds")
class Refund implements Persistable<UUID> {

    @Id
    private UUID id;

    /**
     * A refund is only ever created, never edited: saving a new one is an INSERT, not a merge that first SELECTs the
     * row by its (assigned) id.
     */
    @Transient
    private boolean isNew;

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
        this.isNew = true;
    }

    @Override
    public UUID getId() {
        return id;
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    @PostPersist
    void persisted() {
        isNew = false;
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
