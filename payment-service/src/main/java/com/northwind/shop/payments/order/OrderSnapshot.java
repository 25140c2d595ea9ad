package com.northwind.shop.payments.order;

import com.northwind.shop.payments.Money;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An order as order-service's {@code GET /internal/orders/{orderId}} describes it; only the fields payment-service
 * reads.
 *
 * @param orderId the order
 * @param userId its owner
 * @param status its status, e.g. {@code AWAITING_PAYMENT}
 * @param total what it costs
 * @param expiresAt when an unpaid order expires, if it can
 */
public record OrderSnapshot(
        UUID orderId,
        UUID userId,
        String status,
        Money total,
        @Nullable Instant expiresAt) {

    /** Whether order-service would accept a payment for it now. */
    public boolean awaitsPayment() {
        return "AWAITING_PAYMENT".equals(status);
    }
}
