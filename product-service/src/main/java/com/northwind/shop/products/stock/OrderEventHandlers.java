package com.northwind.shop.products.stock;

import com.northwind.shop.platform.events.Outbox;
import com.northwind.shop.platform.events.Subscription;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * product-service's part of the payment saga, on order-service's {@code orders.events}: {@code OrderPaid} confirms
 * the order's reservation (or, when it expired meanwhile, takes the stock again; failing that, {@link
 * StockUnavailable} goes out so the order is cancelled and refunded), {@code OrderCancelled} releases it. Handlers
 * run in the platform consumer's transaction, which also records the event as processed; stock changes evict the
 * cache after that commit.
 */
@Configuration(proxyBeanMethods = false)
class OrderEventHandlers {

    /** order-service's stream. */
    static final String STREAM = "orders.events";

    private static final Logger log = LoggerFactory.getLogger(OrderEventHandlers.class);

    private final ReservationService reservations;
    private final Outbox outbox;

    OrderEventHandlers(ReservationService reservations, Outbox outbox) {
        this.reservations = reservations;
        this.outbox = outbox;
    }

    @Bean
    Subscription orderEventsSubscription() {
        return Subscription.to(STREAM)
                .group("product-service")
                .on(OrderPaid.class, this::paid)
                .on(OrderCancelled.class, cancelled -> reservations.cancelled(cancelled.orderId()));
    }

    private void paid(OrderPaid paid) {
        ReservationService.PaidOutcome outcome = reservations.paid(paid.orderId());
        switch (outcome) {
            case CONFIRMED -> log.debug("Confirmed the reservation of paid order {}", paid.orderId());
            case ORDER_CANCELLED -> log.info("Order {} was cancelled; its OrderPaid confirms nothing", paid.orderId());
            case STOCK_UNAVAILABLE -> unavailable(paid.orderId(), "insufficient-stock");
            case NO_RESERVATION -> unavailable(paid.orderId(), "no-reservation");
        }
    }

    private void unavailable(UUID orderId, String reason) {
        log.warn("Paid order {} cannot be served ({}); publishing StockUnavailable", orderId, reason);
        outbox.append(new StockUnavailable(orderId, reason), orderId, 1);
    }

    /** order-service's {@code OrderPaid}, only the fields read here. */
    record OrderPaid(UUID orderId) {}

    /** order-service's {@code OrderCancelled}, only the fields read here. */
    record OrderCancelled(UUID orderId) {}
}
