package com.northwind.shop.platform.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The consumers' counters: {@code northwind.events.consumed} per outcome and {@code shop.events.handler.failures}
 * per failure kind, both tagged {@code stream} and {@code group}. Nothing is counted without a meter registry.
 */
final class ConsumerMetrics {

    /** Name of the counter of failed handler runs, tagged {@code stream}, {@code group}, {@code kind}. */
    static final String HANDLER_FAILURES = "shop.events.handler.failures";

    private final ObjectProvider<MeterRegistry> meters;

    ConsumerMetrics(ObjectProvider<MeterRegistry> meters) {
        this.meters = meters;
    }

    /** Registers a subscription's failure counters at zero, so a dashboard or alert has a series before the first failure. */
    void register(Subscription subscription) {
        MeterRegistry registry = meters.getIfAvailable();
        if (registry != null) {
            for (EventFailures.Kind kind : EventFailures.Kind.values()) {
                failureCounter(registry, subscription, kind);
            }
        }
    }

    /** One more failed handler run of this kind (also counted as outcome {@code failed}). */
    void failed(Subscription subscription, EventFailures.Kind kind) {
        MeterRegistry registry = meters.getIfAvailable();
        if (registry != null) {
            failureCounter(registry, subscription, kind).increment();
        }
        count(subscription, "failed");
    }

    /** One more entry with this outcome: {@code handled}, {@code duplicate}, {@code ignored}, {@code dead-lettered}... */
    void count(Subscription subscription, String outcome) {
        MeterRegistry registry = meters.getIfAvailable();
        if (registry != null) {
            registry.counter(
                            "northwind.events.consumed",
                            "stream",
                            subscription.stream(),
                            "group",
                            subscription.group(),
                            "outcome",
                            outcome)
                    .increment();
        }
    }

    private static Counter failureCounter(MeterRegistry registry, Subscription subscription, EventFailures.Kind kind) {
        return registry.counter(
                HANDLER_FAILURES, "stream", subscription.stream(), "group", subscription.group(), "kind", kind.tag());
    }
}
