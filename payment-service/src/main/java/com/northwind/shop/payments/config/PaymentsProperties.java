package com.northwind.shop.payments.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * payment-service settings, under {@code northwind.payments}.
 *
 * @param processor how the card processor is called
 * @param resolverInterval how often the resolver looks for payments whose processor answer never arrived
 * @param resolveAfter how old a PENDING payment must be before the resolver asks the processor about it (longer
 *     than {@code processor.timeout}, so the request that charges it is done)
 * @param resolverBatchSize how many PENDING payments one resolver transaction takes at most
 * @param idempotencyRetention how long Idempotency-Key records are kept (at least 24 h)
 * @param purgeInterval how often older Idempotency-Key records are deleted
 */
@Validated
@ConfigurationProperties("northwind.payments")
public record PaymentsProperties(
        @Valid @NotNull Processor processor,
        @NotNull Duration resolverInterval,
        @NotNull Duration resolveAfter,
        @Min(1) int resolverBatchSize,
        @NotNull Duration idempotencyRetention,
        @NotNull Duration purgeInterval) {

    public PaymentsProperties {
        if (idempotencyRetention != null && idempotencyRetention.compareTo(Duration.ofHours(24)) < 0) {
            throw new IllegalArgumentException("northwind.payments.idempotency-retention must be at least 24 hours");
        }
    }

    /**
     * How the card processor is called.
     *
     * @param timeout how long a charge may take; after it the payment stays PENDING and the resolver settles it
     * @param lostAnswerDelay how long the simulated processor withholds the answer for the test card whose answer
     *     never arrives
     */
    public record Processor(
            @NotNull Duration timeout, @NotNull Duration lostAnswerDelay) {}
}
