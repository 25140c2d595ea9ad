package com.northwind.shop.orders.order;

import com.northwind.shop.platform.tx.AfterCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The business counters ops look at (the Grafana overview, docker/grafana): {@code shop.orders.placed},
 * {@code shop.orders.paid} and {@code shop.orders.cancelled{reason}} (customer, admin, expired, out-of-stock).
 * Counted after the transaction that changed the order commits, so a rolled-back change is never counted.
 */
@Component
class OrderMetrics {

    private final MeterRegistry registry;
    private final Counter placed;
    private final Counter paid;

    OrderMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.placed = Counter.builder("shop.orders.placed")
                .description("Orders placed (stock reserved, awaiting payment)")
                .register(registry);
        this.paid = Counter.builder("shop.orders.paid")
                .description("Orders paid (a succeeded payment applied)")
                .register(registry);
        // Present from the start, so a dashboard shows 0 rather than no data before the first cancel.
        for (String reason : new String[] {"customer", "admin", "expired", "out-of-stock"}) {
            cancelledCounter(reason);
        }
    }

    void placed() {
        afterCommit(placed);
    }

    void paid() {
        afterCommit(paid);
    }

    /** {@code reason} is one of a few fixed words from the code, never user input (a bounded tag). */
    void cancelled(String reason) {
        afterCommit(cancelledCounter(reason));
    }

    private Counter cancelledCounter(String reason) {
        return Counter.builder("shop.orders.cancelled")
                .description("Orders cancelled, by reason")
                .tag("reason", reason)
                .register(registry);
    }

    private static void afterCommit(Counter counter) {
        AfterCommit.run(counter::increment);
    }
}
