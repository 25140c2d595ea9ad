package com.northwind.shop.platform.events;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StreamOperations;

/**
 * Decides what becomes of one delivery of a stream entry: an entry of a type the subscription does not handle is
 * settled at once; any other is handled once ({@link ProcessedEvents}) and settled once that committed. The caller
 * acknowledges settled entries (a batch's in one {@code XACK}); a crash before that redelivers them, and the recorded
 * event id makes the redelivery a no-op. A
 * failure leaves the entry pending for a retry: a passing one ({@link EventFailures}) as often as it takes, a
 * deterministic one until it happened {@code maxAttempts} times, after which the entry is parked in the stream's
 * dead-letter stream with its last error (an unreadable entry at once).
 */
final class EntryProcessor {

    private static final Logger log = LoggerFactory.getLogger(EntryProcessor.class);

    /** What became of one delivery of an entry. */
    enum Outcome {
        HANDLED,
        DUPLICATE,
        IGNORED,
        TRANSIENT_FAILURE,
        DETERMINISTIC_FAILURE,
        DEAD_LETTERED;

        /** Whether the entry is done with and the caller acknowledges it (a dead letter is acknowledged already). */
        boolean toAcknowledge() {
            return this == HANDLED || this == DUPLICATE || this == IGNORED;
        }
    }

    private final StreamOperations<String, Object, Object> streams;
    private final ProcessedEvents processed;
    private final FailedEntries failures = new FailedEntries();
    private final ConsumerMetrics metrics;
    private final EventsProperties properties;
    private final StreamKeys keys;

    EntryProcessor(
            StreamOperations<String, Object, Object> streams,
            ProcessedEvents processed,
            ConsumerMetrics metrics,
            EventsProperties properties,
            StreamKeys keys) {
        this.streams = streams;
        this.processed = processed;
        this.metrics = metrics;
        this.properties = properties;
        this.keys = keys;
    }

    /**
     * Processes one delivery of an entry of the subscription's stream.
     *
     * @param key the stream's Redis key
     * @param delivery which delivery of the entry this is (1 for the first)
     */
    Outcome process(Subscription subscription, String key, MapRecord<String, Object, Object> record, long delivery) {
        Event event;
        try {
            event = Event.fromFields(record.getValue());
        } catch (RuntimeException ex) {
            failures.rememberError(record, "malformed event: " + ex.getMessage());
            metrics.failed(subscription, EventFailures.Kind.DETERMINISTIC);
            deadLetter(subscription, key, record, delivery);
            return Outcome.DEAD_LETTERED;
        }
        if (!subscription.handles(event.type())) {
            // Not a type this group acts on: no transaction, no processed_events row, just the acknowledgement.
            failures.forget(record);
            metrics.count(subscription, "ignored");
            return Outcome.IGNORED;
        }
        boolean fresh;
        try {
            fresh = processed.handleOnce(subscription, event);
        } catch (RuntimeException | Error ex) {
            // Errors too (a handler's StackOverflowError, a missing class): they fail this entry, not the thread.
            return failed(subscription, key, record, delivery, event, ex);
        }
        failures.forget(record);
        metrics.count(subscription, fresh ? "handled" : "duplicate");
        return fresh ? Outcome.HANDLED : Outcome.DUPLICATE;
    }

    private Outcome failed(
            Subscription subscription,
            String key,
            MapRecord<String, Object, Object> record,
            long delivery,
            Event event,
            Throwable ex) {
        EventFailures.Kind kind = EventFailures.classify(ex);
        failures.rememberError(record, ex.getClass().getSimpleName() + ": " + ex.getMessage());
        metrics.failed(subscription, kind);
        if (kind == EventFailures.Kind.TRANSIENT) {
            log.warn(
                    "Handling {} {} in {} failed for a passing reason ({}); retrying until it succeeds",
                    event.type(),
                    event.id(),
                    subscription.group(),
                    ex.toString());
            return Outcome.TRANSIENT_FAILURE;
        }
        int failed = failures.countDeterministicFailure(record);
        if (failed >= properties.maxAttempts()) {
            deadLetter(subscription, key, record, delivery);
            return Outcome.DEAD_LETTERED;
        }
        log.warn(
                "Handling {} {} in {} failed ({} of {}); it will be retried",
                event.type(),
                event.id(),
                subscription.group(),
                failed,
                properties.maxAttempts(),
                ex);
        return Outcome.DETERMINISTIC_FAILURE;
    }

    /** Moves the entry to the dead-letter stream with its last error, group and attempts, and acknowledges it. */
    private void deadLetter(
            Subscription subscription, String key, MapRecord<String, Object, Object> record, long attempts) {
        Map<String, String> fields = new LinkedHashMap<>();
        record.getValue().forEach((k, v) -> fields.put(String.valueOf(k), String.valueOf(v)));
        String error = failures.forget(record);
        fields.put("error", error != null ? error : "failed " + attempts + " deliveries");
        fields.put("attempts", Long.toString(attempts));
        fields.put("consumerGroup", subscription.group());
        fields.put("sourceId", record.getId().getValue());
        fields.put("deadLetteredAt", Instant.now().toString());
        String deadLetterKey = keys.deadLetterKey(subscription.stream());
        streams.add(MapRecord.create(deadLetterKey, fields));
        streams.acknowledge(key, subscription.group(), record.getId());
        metrics.count(subscription, "dead-lettered");
        log.error(
                "Event {} on {} parked in {} after {} deliveries: {}",
                record.getId(),
                key,
                deadLetterKey,
                attempts,
                fields.get("error"));
    }
}
