package com.northwind.shop.products.stock;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.northwind.shop.platform.events.Event;
import com.northwind.shop.platform.events.Outbox;
import com.northwind.shop.platform.events.Subscription;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * product-service's part of the payment saga: order-service's {@code OrderPaid} confirms the order's reservation
 * (or, when it expired meanwhile, takes the stock again; failing that, {@code StockUnavailable} goes out so the
 * order is cancelled and refunded), {@code OrderCancelled} releases it. Handlers run in the platform consumer's
 * transaction, which also records the event as processed; stock changes evict the cache after that commit.
 */
@Configuration(proxyBeanMethods = false)
class OrderEvents {

    /** Our consumer group: the service's name. */
    static final String GROUP = "product-service";

    static final String ORDERS_STREAM = "orders.events";

    private static final Logger log = LoggerFactory.getLogger(OrderEvents.class);

    private final ReservationService reservations;
    private final Outbox outbox;
    private final JsonMapper json;

    OrderEvents(ReservationService reservations, Outbox outbox, JsonMapper json) {
        this.reservations = reservations;
        this.outbox = outbox;
        this.json = json;
    }

    @Bean
    Subscription orderEventsSubscription() {
        return new Subscription(ORDERS_STREAM, GROUP, this::on);
    }

    void on(Event event) {
        switch (event.type()) {
            case "OrderPaid" -> paid(json.readValue(event.payload(), OrderPaid.class));
            case "OrderCancelled" ->
                reservations.cancelled(
                        json.readValue(event.payload(), OrderCancelled.class).orderId());
            default -> log.debug("Ignoring {} {}", event.type(), event.id());
        }
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
        outbox.append(
                StockUnavailable.STREAM, StockUnavailable.TYPE, orderId, 1, new StockUnavailable(orderId, reason));
    }

    /** order-service's {@code OrderPaid}, only the fields read here. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record OrderPaid(UUID orderId) {}

    /** order-service's {@code OrderCancelled}, only the fields read here. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record OrderCancelled(UUID orderId) {}

    /**
     * Published on {@code products.events} when a paid order's stock cannot be taken: order-service cancels the
     * order, and payment-service refunds it.
     *
     * @param orderId the paid order
     * @param reason {@code insufficient-stock} (its reservation expired and the units sold out) or
     *     {@code no-reservation}
     */
    record StockUnavailable(UUID orderId, String reason) {

        static final String STREAM = "products.events";
        static final String TYPE = "StockUnavailable";
    }
}
