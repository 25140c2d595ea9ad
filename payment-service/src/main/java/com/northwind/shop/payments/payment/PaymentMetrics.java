package com.northwind.shop.payments.payment;

import com.northwind.shop.platform.tx.AfterCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The payment outcomes ops look at (the Grafana overview, docker/grafana): {@code shop.payments{outcome}}, one count
 * per settled charge: {@code succeeded}, or the failure reason ({@code declined}, {@code insufficient_funds},
 * {@code processor_no_charge}). Counted after the settling transaction commits.
 */
@Component
class PaymentMetrics {

    private final MeterRegistry registry;

    PaymentMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Present from the start, so a dashboard shows 0 rather than no data before the first payment.
        for (String outcome : new String[] {"succeeded", "declined", "insufficient_funds", "processor_no_charge"}) {
            counter(outcome);
        }
    }

    /** A payment that just left PENDING; the reason is one of a few fixed words from the code (a bounded tag). */
    void settled(Payment payment) {
        String reason = payment.failureReason();
        String outcome = payment.status() == PaymentStatus.FAILED && reason != null
                ? reason
                : payment.status().name().toLowerCase(Locale.ROOT);
        AfterCommit.run(counter(outcome)::increment);
    }

    private Counter counter(String outcome) {
        return Counter.builder("shop.payments")
                .description("Charges settled, by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }
}
