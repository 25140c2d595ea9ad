package com.northwind.shop.payments.payment;

import com.northwind.shop.platform.events.Event;
import com.northwind.shop.platform.events.Subscription;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * payment-service's part of the saga, on order-service's {@code orders.events}: a cancelled order is remembered (no
 * new charge) and refunded of whatever it captured; a payment order-service rejected is refunded in full. Each
 * handler runs in the platform's consumer transaction, which records the event id, and refunds check the payment's
 * state under its row lock, so a redelivered event refunds nothing more.
 */
@Configuration(proxyBeanMethods = false)
class OrderEventHandlers {

    /** order-service's stream. */
    static final String STREAM = "orders.events";

    private static final Logger log = LoggerFactory.getLogger(OrderEventHandlers.class);

    private final CancelledOrders cancelledOrders;
    private final RefundService refunds;

    OrderEventHandlers(CancelledOrders cancelledOrders, RefundService refunds) {
        this.cancelledOrders = cancelledOrders;
        this.refunds = refunds;
    }

    /** OrderPaid (one per checkout) needs nothing here: acknowledged without a transaction. */
    @Bean
    Subscription orderEvents() {
        return Subscription.to(STREAM)
                .group("payment-service")
                .on(OrderCancelled.class, this::orderCancelled)
                .on(PaymentRejected.class, this::paymentRejected);
    }

    private void orderCancelled(OrderCancelled cancelled, Event envelope) {
        UUID orderId = Objects.requireNonNull(cancelled.orderId());
        cancelledOrders.remember(
                orderId, cancelled.cancelledAt() != null ? cancelled.cancelledAt() : envelope.occurredAt());
        int refunded = refunds.refundOrder(orderId, "order-cancelled").size();
        if (refunded > 0) {
            log.info("Order {} was cancelled: refunded {} payment(s)", orderId, refunded);
        }
    }

    private void paymentRejected(PaymentRejected rejected) {
        String reason = "payment-rejected: " + (rejected.reason() != null ? rejected.reason() : "unknown");
        if (refunds.refundInFull(Objects.requireNonNull(rejected.paymentId()), truncate(reason)) != null) {
            log.info("order-service rejected payment {} ({}): refunded in full", rejected.paymentId(), reason);
        }
    }

    private static String truncate(String reason) {
        return reason.length() <= 100 ? reason : reason.substring(0, 100);
    }

    /** The fields of order-service's OrderCancelled that payment-service reads. */
    record OrderCancelled(@Nullable UUID orderId, @Nullable Instant cancelledAt) {}

    /** The fields of order-service's PaymentRejected that payment-service reads. */
    record PaymentRejected(
            @Nullable UUID orderId,
            @Nullable UUID paymentId,
            @Nullable String reason) {}
}
