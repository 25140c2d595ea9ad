package com.northwind.shop.orders.order;

import com.northwind.shop.orders.Money;
import com.northwind.shop.platform.events.Event;
import com.northwind.shop.platform.events.EventHandler;
import com.northwind.shop.platform.events.Outbox;
import com.northwind.shop.platform.events.Subscription;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * order-service's part of the payment saga on payment-service's {@code payments.events}. Each handler runs in the
 * consumer's transaction (which also records the event as processed) and takes the order's row lock first, so a
 * payment, the expiry job and a customer's cancel of the same order happen one after the other: an order is never
 * both kept paid and cancelled, and a payment that lost the race to a cancel or expiry is rejected (and refunded by
 * payment-service). The handlers are only ever called by the platform's consumer, inside its transaction.
 */
@Configuration(proxyBeanMethods = false)
class PaymentEventHandlers {

    /** payment-service's stream. */
    static final String STREAM = "payments.events";

    private static final Logger log = LoggerFactory.getLogger(PaymentEventHandlers.class);

    private final Orders orders;
    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final OrderMetrics metrics;
    private final Clock clock;

    PaymentEventHandlers(Orders orders, Outbox outbox, JdbcTemplate jdbc, OrderMetrics metrics, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.metrics = metrics;
        this.orders = orders;
        this.outbox = outbox;
    }

    @Bean
    Subscription paymentEvents() {
        return Subscription.to(STREAM)
                .group("order-service")
                .on(PaymentSucceeded.class, newestOnly(this::paymentSucceeded))
                .on(PaymentFailed.class, newestOnly(this::paymentFailed))
                .on(PaymentRefunded.class, newestOnly(this::paymentRefunded));
    }

    /** The handler, for events newer than every event of the same payment applied before. */
    private <T> EventHandler<T> newestOnly(Consumer<T> handler) {
        return (event, envelope) -> {
            if (newestOfItsPayment(envelope)) {
                handler.accept(event);
            } else {
                log.info(
                        "Ignoring {} {} of payment {}: a newer event of that payment was applied already",
                        envelope.type(),
                        envelope.id(),
                        envelope.aggregateId());
            }
        };
    }

    /**
     * Records the event's payment version as applied, if it is newer than any applied before: payment-service
     * publishes each payment's events with its version, which grows with every change (succeeded or failed, then
     * each refund). A stale event (say PaymentSucceeded handled after the same payment's full refund) is ignored;
     * acting on it would mark an order paid whose money went back. Runs in the consumer's transaction.
     */
    private boolean newestOfItsPayment(Event event) {
        UUID paymentId;
        try {
            paymentId = UUID.fromString(event.aggregateId());
        } catch (IllegalArgumentException ex) {
            return true; // not a payment's event: nothing to compare it with
        }
        return jdbc.update("""
                INSERT INTO payment_event_versions (payment_id, version) VALUES (?, ?)
                ON CONFLICT (payment_id) DO UPDATE SET version = EXCLUDED.version
                WHERE payment_event_versions.version < EXCLUDED.version
                """, paymentId, event.aggregateVersion()) == 1;
    }

    private void paymentSucceeded(PaymentSucceeded payment) {
        Optional<Order> found = orders.findLockedById(payment.orderId());
        if (found.isEmpty()) {
            // payment-service checks the order before charging; should it still happen, the money goes back.
            log.warn("Payment {} succeeded for unknown order {}", payment.paymentId(), payment.orderId());
            reject(payment, "order-not-found", 0);
            return;
        }
        Order order = found.get();
        Instant now = clock.instant();
        PaymentAcceptance acceptance = order.acceptPayment(payment.paymentId(), payment.amount(), now);
        if (acceptance == PaymentAcceptance.ALREADY_APPLIED) {
            return; // the same payment again (a re-published event)
        }
        String rejection = acceptance.rejection();
        if (rejection != null) {
            if (acceptance == PaymentAcceptance.AMOUNT_MISMATCH) {
                log.warn(
                        "Payment {} of {} does not match order {} total {}",
                        payment.paymentId(),
                        payment.amount(),
                        order.id(),
                        order.total());
            }
            reject(payment, rejection, order.version());
            return;
        }
        Order paid = orders.saveAndFlush(order);
        metrics.paid();
        outbox.append(
                new OrderPaid(paid.id(), paid.userId(), payment.paymentId(), paid.total(), now),
                paid.id(),
                paid.version());
    }

    private void reject(PaymentSucceeded payment, String reason, long orderVersion) {
        outbox.append(
                new PaymentRejected(payment.orderId(), payment.paymentId(), reason), payment.orderId(), orderVersion);
    }

    private void paymentFailed(PaymentFailed payment) {
        // The order stays payable until it expires (the customer may try another card); the history shows the try.
        orders.findLockedById(payment.orderId())
                .filter(order -> order.status() == OrderStatus.AWAITING_PAYMENT)
                .ifPresent(order -> {
                    order.paymentFailed(Objects.requireNonNullElse(payment.reason(), "unknown"), clock.instant());
                    orders.saveAndFlush(order);
                });
    }

    private void paymentRefunded(PaymentRefunded refund) {
        if (!refund.fullyRefunded()) {
            return; // a partial refund leaves the order as it is
        }
        orders.findLockedById(refund.orderId()).ifPresent(order -> {
            OrderStatus before = order.status();
            Instant now = clock.instant();
            if (!order.refunded(refund.paymentId(), now)) {
                return;
            }
            Order refunded = orders.saveAndFlush(order);
            if (before == OrderStatus.PAID) {
                // An admin gave all the money back before the order shipped: it will never ship, so its confirmed
                // stock goes back on sale (product-service releases on OrderCancelled; payment-service finds
                // nothing left to refund). A shipped order's units are gone, and a cancelled one's went out already.
                outbox.append(
                        OrderCancelled.of(refunded, OrderStatus.PAID, "refunded", now),
                        refunded.id(),
                        refunded.version());
            }
        });
    }

    /** payment-service's {@code PaymentSucceeded}, only the fields read here. */
    record PaymentSucceeded(UUID paymentId, UUID orderId, Money amount) {}

    /** payment-service's {@code PaymentFailed}, only the fields read here. */
    record PaymentFailed(
            UUID paymentId, UUID orderId, @Nullable String reason) {}

    /** payment-service's {@code PaymentRefunded}, only the fields read here. */
    record PaymentRefunded(UUID paymentId, UUID orderId, boolean fullyRefunded) {}
}
