package com.northwind.shop.orders.order;

import com.northwind.shop.platform.events.Outbox;
import com.northwind.shop.platform.events.Subscription;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * order-service's part of the payment saga on product-service's {@code products.events}: a paid order whose stock
 * cannot be served is cancelled, and its {@code OrderCancelled} makes payment-service refund it. The handler runs
 * in the consumer's transaction and takes the order's row lock first, like {@link PaymentEventHandlers}.
 */
@Configuration(proxyBeanMethods = false)
class ProductEventHandlers {

    /** product-service's stream. */
    static final String STREAM = "products.events";

    private static final Logger log = LoggerFactory.getLogger(ProductEventHandlers.class);

    private final Orders orders;
    private final Outbox outbox;
    private final OrderMetrics metrics;
    private final Clock clock;

    ProductEventHandlers(Orders orders, Outbox outbox, OrderMetrics metrics, Clock clock) {
        this.orders = orders;
        this.outbox = outbox;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Bean
    Subscription productEvents() {
        return Subscription.to(STREAM).group("order-service").on(StockUnavailable.class, this::stockUnavailable);
    }

    private void stockUnavailable(StockUnavailable stock) {
        orders.findLockedById(stock.orderId()).ifPresent(order -> {
            if (order.status() != OrderStatus.PAID) {
                log.info("StockUnavailable for order {} that is {}; nothing to do", order.id(), order.status());
                return;
            }
            Instant now = clock.instant();
            order.cancel("out-of-stock", now);
            Order cancelled = orders.saveAndFlush(order);
            metrics.cancelled("out-of-stock");
            outbox.append(
                    OrderCancelled.of(cancelled, OrderStatus.PAID, "out-of-stock", now),
                    cancelled.id(),
                    cancelled.version());
        });
    }

    /** product-service's {@code StockUnavailable}, only the fields read here. */
    record StockUnavailable(UUID orderId, String reason) {}
}
