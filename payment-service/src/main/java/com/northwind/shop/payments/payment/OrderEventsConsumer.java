package com.northwind.shop.payments.payment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
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
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/**
 * payment-service's part of the saga, on {@code orders.events}: a cancelled order is remembered (no new charge) and
 * refunded of whatever it captured; a payment order-service rejected is refunded in full. Each handler runs in the
 * platform's consumer transaction, which records the event id, and refunds check the payment's state under its row
 * lock, so a redelivered event refunds nothing more.
 */
@Configuration(proxyBeanMethods = false)
class OrderEventsConsumer {

    static final String STREAM = "orders.events";

    private static final Logger log = LoggerFactory.getLogger(OrderEventsConsumer.class);

    @Bean
    Subscription orderEvents(
            Environment environment, JsonMapper json, CancelledOrders cancelledOrders, RefundService refunds) {
        String group = environment.getProperty("spring.application.name", "payment-service");
        // OrderPaid (one per checkout) needs nothing here: acknowledged without a transaction. A type added to
        // handle() below must be added here too.
        return new Subscription(STREAM, group, event -> handle(event, json, cancelledOrders, refunds))
                .onlyTypes("OrderCancelled", "PaymentRejected");
    }

    private static void handle(Event event, JsonMapper json, CancelledOrders cancelledOrders, RefundService refunds) {
        switch (event.type()) {
            case "OrderCancelled" -> {
                OrderCancelled cancelled = json.readValue(event.payload(), OrderCancelled.class);
                UUID orderId = Objects.requireNonNull(cancelled.orderId());
                cancelledOrders.remember(
                        orderId, cancelled.cancelledAt() != null ? cancelled.cancelledAt() : event.occurredAt());
                int refunded = refunds.refundOrder(orderId, "order-cancelled").size();
                if (refunded > 0) {
                    log.info("Order {} was cancelled: refunded {} payment(s)", orderId, refunded);
                }
            }
            case "PaymentRejected" -> {
                PaymentRejected rejected = json.readValue(event.payload(), PaymentRejected.class);
                String reason = "payment-rejected: " + (rejected.reason() != null ? rejected.reason() : "unknown");
                if (refunds.refundInFull(Objects.requireNonNull(rejected.paymentId()), truncate(reason)) != null) {
                    log.info("order-service rejected payment {} ({}): refunded in full", rejected.paymentId(), reason);
                }
            }
            default -> {
                // OrderPaid and others: nothing to do here.
            }
        }
    }

    private static String truncate(String reason) {
        return reason.length() <= 100 ? reason : reason.substring(0, 100);
    }

    /** The fields of order-service's OrderCancelled that payment-service reads. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record OrderCancelled(@Nullable UUID orderId, @Nullable Instant cancelledAt) {}

    /** The fields of order-service's PaymentRejected that payment-service reads. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PaymentRejected(
            @Nullable UUID orderId,
            @Nullable UUID paymentId,
            @Nullable String reason) {}
}
