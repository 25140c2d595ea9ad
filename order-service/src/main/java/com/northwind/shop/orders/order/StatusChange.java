package com.northwind.shop.orders.order;

import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One recorded status change of an order. */
@Embeddable
class StatusChange {

    @Enumerated(EnumType.STRING)
    private @Nullable OrderStatus fromStatus;

    @Enumerated(EnumType.STRING)
    private OrderStatus toStatus;

    private String reason;
    private Instant changedAt;

    protected StatusChange() {
        this.toStatus = OrderStatus.AWAITING_PAYMENT;
        this.reason = "";
        this.changedAt = Instant.EPOCH;
    }

    StatusChange(@Nullable OrderStatus fromStatus, OrderStatus toStatus, String reason, Instant changedAt) {
        this.fromStatus = fromStatus;
        this.toStatus = toStatus;
        this.reason = reason;
        this.changedAt = changedAt;
    }

    OrderStatus toStatus() {
        return toStatus;
    }

    String reason() {
        return reason;
    }
}
