package com.northwind.shop.platform.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The entries this service's consumer groups parked in their streams' dead-letter streams: listed, inspected,
 * replayed through the group's own handler (in the same transaction with the processed-event record as a normal
 * delivery, so a replay of an event handled in the meantime is a no-op), or discarded by an operator who decided
 * the event must not be applied. Entries of other services' groups on a shared stream are left alone.
 */
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    /** At most this many entries are listed per dead-letter stream. */
    static final int LIST_LIMIT = 1_000;

    private final List<Subscription> subscriptions;
    private final ProcessedEvents processed;
    private final StringRedisTemplate redis;
    private final StreamKeys keys;

    DeadLetters(
            List<Subscription> subscriptions, ProcessedEvents processed, StringRedisTemplate redis, StreamKeys keys) {
        this.subscriptions = subscriptions;
        this.processed = processed;
        this.redis = redis;
        this.keys = keys;
    }

    /**
     * One parked entry.
     *
     * @param stream the stream it was read from, e.g. {@code orders.events}
     * @param id the entry's id in the dead-letter stream
     * @param group the consumer group that parked it
     * @param eventId the event's id, if the entry was readable
     * @param type the event's type, if readable
     * @param aggregateId the event's aggregate, if readable
     * @param error the last failure
     * @param attempts deliveries before it was parked
     * @param deadLetteredAt when it was parked
     * @param fields every field of the entry, payload included
     */
    public record DeadLetter(
            String stream,
            String id,
            String group,
            @Nullable String eventId,
            @Nullable String type,
            @Nullable String aggregateId,
            String error,
            long attempts,
            String deadLetteredAt,
            Map<String, String> fields) {}

    /** What a replay did. */
    public enum Replayed {
        /** The handler ran and committed; the entry is gone from the dead-letter stream. */
        HANDLED,
        /** The group had handled the event since (e.g. a redelivery); the entry is gone. */
        DUPLICATE
    }

    /** Every entry this service's groups parked, oldest first per stream. */
    public List<DeadLetter> list() {
        return subscriptions.stream()
                .map(Subscription::stream)
                .distinct()
                .flatMap(stream -> list(stream).stream())
                .toList();
    }

    /** The entries this service's groups parked from one stream. */
    public List<DeadLetter> list(String stream) {
        List<MapRecord<String, Object, Object>> records = redis.opsForStream()
                .range(
                        keys.deadLetterKey(stream),
                        Range.unbounded(),
                        Limit.limit().count(LIST_LIMIT));
        if (records == null) {
            return List.of();
        }
        return records.stream()
                .map(record -> deadLetter(stream, record))
                .filter(letter -> subscription(letter).isPresent())
                .toList();
    }

    /** How many entries one group parked from one stream. */
    public long count(String stream, String group) {
        return list(stream).stream().filter(l -> l.group().equals(group)).count();
    }

    /** One entry of this service's groups, if it is parked. */
    public Optional<DeadLetter> find(String stream, String id) {
        List<MapRecord<String, Object, Object>> records =
                redis.opsForStream().range(keys.deadLetterKey(stream), Range.closed(id, id));
        if (records == null || records.isEmpty()) {
            return Optional.empty();
        }
        DeadLetter letter = deadLetter(stream, records.getFirst());
        return subscription(letter).isPresent() ? Optional.of(letter) : Optional.empty();
    }

    /**
     * Hands a parked entry to its group's handler again and removes it once that committed. Throws {@link
     * ReplayFailedException} if the handler fails again (the entry stays parked) and {@link DeadLetterNotFoundException}
     * if no such entry of this service's groups is parked.
     */
    public Replayed replay(String stream, String id) {
        DeadLetter letter = find(stream, id).orElseThrow(() -> new DeadLetterNotFoundException(stream, id));
        Subscription subscription = subscription(letter).orElseThrow();
        Event event;
        try {
            event = Event.fromFields(letter.fields());
        } catch (RuntimeException ex) {
            throw new ReplayFailedException("The entry is not a readable event: " + ex.getMessage(), false);
        }
        boolean fresh;
        try {
            fresh = processed.handleOnce(subscription, event);
        } catch (RuntimeException ex) {
            throw new ReplayFailedException(
                    "The handler failed again: " + ex.getClass().getSimpleName() + ": " + ex.getMessage(),
                    EventFailures.classify(ex) == EventFailures.Kind.TRANSIENT);
        }
        redis.opsForStream().delete(keys.deadLetterKey(stream), RecordId.of(id));
        log.info("Replayed dead letter {} of {} ({} {}) for {}", id, stream, event.type(), event.id(), letter.group());
        return fresh ? Replayed.HANDLED : Replayed.DUPLICATE;
    }

    /** Removes a parked entry without handling it; false if there was none. */
    public boolean discard(String stream, String id) {
        if (find(stream, id).isEmpty()) {
            return false;
        }
        Long removed = redis.opsForStream().delete(keys.deadLetterKey(stream), RecordId.of(id));
        log.warn("Discarded dead letter {} of {} without handling it", id, stream);
        return removed != null && removed > 0;
    }

    private Optional<Subscription> subscription(DeadLetter letter) {
        return subscriptions.stream()
                .filter(s -> s.stream().equals(letter.stream()) && s.group().equals(letter.group()))
                .findFirst();
    }

    private static DeadLetter deadLetter(String stream, MapRecord<String, Object, Object> record) {
        Map<String, String> fields = new LinkedHashMap<>();
        record.getValue().forEach((k, v) -> fields.put(String.valueOf(k), String.valueOf(v)));
        return new DeadLetter(
                stream,
                record.getId().getValue(),
                fields.getOrDefault("consumerGroup", ""),
                fields.get(Event.ID),
                fields.get(Event.TYPE),
                fields.get(Event.AGGREGATE_ID),
                fields.getOrDefault("error", ""),
                parseLong(fields.get("attempts")),
                fields.getOrDefault("deadLetteredAt", ""),
                fields);
    }

    private static long parseLong(@Nullable String value) {
        try {
            return value != null ? Long.parseLong(value) : 0;
        } catch (NumberFormatException ex) {
            return 0;
        }
    }

    /** No entry of this service's groups with that id is parked. */
    public static class DeadLetterNotFoundException extends RuntimeException {
        DeadLetterNotFoundException(String stream, String id) {
            super("No dead letter " + id + " of " + stream + " belongs to this service");
        }
    }

    /** A replay failed; the entry stays parked. */
    public static class ReplayFailedException extends RuntimeException {
        private final boolean transientFailure;

        ReplayFailedException(String message, boolean transientFailure) {
            super(message);
            this.transientFailure = transientFailure;
        }

        /** Whether the failure passes (database away...), so a later replay may succeed unchanged. */
        public boolean isTransient() {
            return transientFailure;
        }
    }
}
