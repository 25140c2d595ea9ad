package com.northwind.shop.platform.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.PendingMessage;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.StreamOperations;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs every {@link Subscription}: reads its stream as a member of its consumer group and hands each event to the
 * handler inside a transaction that also records the event id in {@code processed_events}. The entry is
 * acknowledged only after that transaction commits, so a crash in between redelivers it, and the recorded id turns
 * the redelivery into a no-op. A failing entry stays pending and is retried with exponential backoff, capped at
 * {@code retryMaxBackoff} (also when the instance that first read it died). A passing failure ({@link
 * EventFailures}: the database or Redis away, a timeout, a deadlock) is retried for as long as it lasts; only an
 * entry that failed deterministically {@code maxAttempts} times is moved to the stream's dead-letter stream with its
 * error, from where {@link DeadLetters} replays it.
 */
public class EventConsumers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventConsumers.class);
    /** Name of the counter of failed handler runs, tagged {@code stream}, {@code group}, {@code kind}. */
    static final String HANDLER_FAILURES = "shop.events.handler.failures";

    private final List<Subscription> subscriptions;
    private final StringRedisTemplate redis;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final EventsProperties properties;
    private final ObjectProvider<Tracer> tracer;
    private final ObjectProvider<MeterRegistry> meters;
    private final String consumerName;
    private final Map<String, String> lastErrors = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > 10_000;
        }
    };
    private final Map<String, Integer> deterministicFailures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > 10_000;
        }
    };
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    EventConsumers(
            List<Subscription> subscriptions,
            StringRedisTemplate redis,
            JdbcTemplate jdbc,
            TransactionTemplate transaction,
            EventsProperties properties,
            ObjectProvider<Tracer> tracer,
            ObjectProvider<MeterRegistry> meters,
            String applicationName) {
        this.subscriptions = subscriptions;
        this.redis = redis;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.properties = properties;
        this.tracer = tracer;
        this.meters = meters;
        this.consumerName = applicationName + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public void start() {
        running = true;
        for (Subscription subscription : subscriptions) {
            // Registered at zero, so a dashboard or alert on the failure rate has a series before the first failure.
            MeterRegistry registry = meters.getIfAvailable();
            if (registry != null) {
                for (EventFailures.Kind kind : EventFailures.Kind.values()) {
                    failureCounter(registry, subscription, kind);
                }
            }
            threads.add(Thread.ofVirtual()
                    .name("events-" + subscription.group() + "-" + subscription.stream())
                    .start(() -> run(subscription)));
        }
    }

    @Override
    public void stop() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run(Subscription subscription) {
        String key = properties.streamKey(subscription.stream());
        boolean groupReady = false;
        // XPENDING once per retry backoff, not on every poll: no pending entry is due for a retry any sooner, and an
        // idle consumer then costs one XREADGROUP per poll instead of two round trips.
        long pendingDueAt = System.nanoTime();
        boolean lastRoundFailed = false;
        while (running) {
            try {
                if (!groupReady) {
                    ensureGroup(key, subscription.group());
                    groupReady = true;
                }
                Round round = new Round();
                if (lastRoundFailed || System.nanoTime() - pendingDueAt >= 0) {
                    pendingDueAt = System.nanoTime() + properties.retryBackoff().toNanos();
                    retryPending(subscription, key, round);
                }
                if (!round.transientFailure) {
                    // While the database is away, new entries would only fail too: leave them unread until it is back.
                    readNew(subscription, key, round);
                }
                lastRoundFailed = round.transientFailure || round.failed;
                if (round.transientFailure) {
                    Thread.sleep(properties.retryBackoff());
                } else if (round.taken == 0) {
                    Thread.sleep(properties.pollInterval());
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException ex) {
                // Redis away, or the stream and its group were deleted: recreate the group once it answers.
                groupReady = false;
                log.warn("Consumer {} on {} failed; retrying", subscription.group(), key, ex);
                sleepQuietly(properties.retryBackoff());
            } catch (Error ex) {
                // An Error thrown past the entry's own handling must not end the thread silently: this group would
                // stop consuming with nothing in the log. Say so loudly and keep going.
                groupReady = false;
                log.error("Consumer {} on {} hit an error; it keeps running", subscription.group(), key, ex);
                count(subscription, "error");
                sleepQuietly(properties.retryBackoff());
            }
        }
    }

    /** What one pass over a stream did. */
    static final class Round {
        int taken;
        boolean transientFailure;
        boolean failed;

        void add(Outcome outcome) {
            taken++;
            transientFailure |= outcome == Outcome.TRANSIENT_FAILURE;
            failed |= outcome == Outcome.DETERMINISTIC_FAILURE;
        }
    }

    /** What became of one delivery of an entry. */
    enum Outcome {
        HANDLED,
        DUPLICATE,
        IGNORED,
        TRANSIENT_FAILURE,
        DETERMINISTIC_FAILURE,
        DEAD_LETTERED
    }

    /** Handles entries this group has not seen yet. */
    void readNew(Subscription subscription, String key, Round round) {
        List<MapRecord<String, Object, Object>> records = streams()
                .read(
                        Consumer.from(subscription.group(), consumerName),
                        StreamReadOptions.empty().count(properties.batchSize()),
                        StreamOffset.create(key, ReadOffset.lastConsumed()));
        if (records == null) {
            return;
        }
        for (MapRecord<String, Object, Object> record : records) {
            Outcome outcome = process(subscription, key, record, 1);
            round.add(outcome);
            if (outcome == Outcome.TRANSIENT_FAILURE) {
                // The rest of the batch stays pending (delivered, not acknowledged) and is retried with this one.
                return;
            }
        }
    }

    /**
     * Retries entries that were delivered but never acknowledged (a failed handler, or an instance that died), once
     * their backoff has passed.
     */
    void retryPending(Subscription subscription, String key, Round round) {
        for (PendingMessage pending :
                streams().pending(key, subscription.group(), Range.unbounded(), properties.batchSize())) {
            Duration backoff = backoff(pending.getTotalDeliveryCount());
            if (pending.getElapsedTimeSinceLastDelivery().compareTo(backoff) < 0) {
                continue;
            }
            List<MapRecord<String, Object, Object>> claimed =
                    streams().claim(key, subscription.group(), consumerName, backoff, pending.getId());
            for (MapRecord<String, Object, Object> record : claimed) {
                Outcome outcome = process(subscription, key, record, pending.getTotalDeliveryCount() + 1);
                round.add(outcome);
                if (outcome == Outcome.TRANSIENT_FAILURE) {
                    return;
                }
            }
        }
    }

    private Outcome process(
            Subscription subscription, String key, MapRecord<String, Object, Object> record, long delivery) {
        Event event;
        try {
            event = Event.fromFields(record.getValue());
        } catch (RuntimeException ex) {
            rememberError(record, "malformed event: " + ex.getMessage());
            failed(subscription, EventFailures.Kind.DETERMINISTIC);
            deadLetter(subscription, key, record, delivery);
            return Outcome.DEAD_LETTERED;
        }
        if (!subscription.handles(event.type())) {
            // Not a type this group acts on: no transaction, no processed_events row, just the acknowledgement.
            streams().acknowledge(key, subscription.group(), record.getId());
            forget(record);
            count(subscription, "ignored");
            return Outcome.IGNORED;
        }
        boolean fresh;
        try {
            fresh = handleOnce(subscription, event);
        } catch (RuntimeException | Error ex) {
            // Errors too (a handler's StackOverflowError, a missing class): they fail this entry, not the thread.
            EventFailures.Kind kind = EventFailures.classify(ex);
            rememberError(record, ex.getClass().getSimpleName() + ": " + ex.getMessage());
            failed(subscription, kind);
            if (kind == EventFailures.Kind.TRANSIENT) {
                log.warn(
                        "Handling {} {} in {} failed for a passing reason ({}); retrying until it succeeds",
                        event.type(),
                        event.id(),
                        subscription.group(),
                        ex.toString());
                return Outcome.TRANSIENT_FAILURE;
            }
            int failures = countDeterministicFailure(record);
            if (failures >= properties.maxAttempts()) {
                deadLetter(subscription, key, record, delivery);
                return Outcome.DEAD_LETTERED;
            }
            log.warn(
                    "Handling {} {} in {} failed ({} of {}); it will be retried",
                    event.type(),
                    event.id(),
                    subscription.group(),
                    failures,
                    properties.maxAttempts(),
                    ex);
            return Outcome.DETERMINISTIC_FAILURE;
        }
        streams().acknowledge(key, subscription.group(), record.getId());
        forget(record);
        count(subscription, fresh ? "handled" : "duplicate");
        return fresh ? Outcome.HANDLED : Outcome.DUPLICATE;
    }

    /**
     * Runs the handler in a transaction that records the event id; false if this group had handled the event
     * before. Throws what the handler or the database threw.
     */
    boolean handleOnce(Subscription subscription, Event event) {
        Boolean fresh = transaction.execute(status -> {
            int inserted = jdbc.update(
                    "INSERT INTO processed_events (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    subscription.group(),
                    event.id());
            if (inserted == 0) {
                return false;
            }
            handleTraced(subscription, event);
            return true;
        });
        return Boolean.TRUE.equals(fresh);
    }

    /** The subscriptions this instance runs. */
    List<Subscription> subscriptions() {
        return subscriptions;
    }

    private void handleTraced(Subscription subscription, Event event) {
        Tracer current = tracer.getIfAvailable();
        TraceContext parent = current != null ? parent(current, event.traceparent()) : null;
        if (current == null) {
            subscription.handler().handle(event);
            return;
        }
        Span.Builder builder = current.spanBuilder()
                .name("handle " + event.type())
                .tag("event.id", event.id().toString())
                .tag("consumer.group", subscription.group());
        if (parent != null) {
            builder.setParent(parent);
        }
        Span span = builder.start();
        try (Tracer.SpanInScope scope = current.withSpan(span)) {
            subscription.handler().handle(event);
        } catch (RuntimeException ex) {
            span.error(ex);
            throw ex;
        } finally {
            span.end();
        }
    }

    private static @Nullable TraceContext parent(Tracer tracer, @Nullable String traceparent) {
        if (traceparent == null) {
            return null;
        }
        String[] parts = traceparent.split("-");
        if (parts.length != 4) {
            return null;
        }
        return tracer.traceContextBuilder()
                .traceId(parts[1])
                .spanId(parts[2])
                .sampled("01".equals(parts[3]))
                .build();
    }

    private void deadLetter(
            Subscription subscription, String key, MapRecord<String, Object, Object> record, long attempts) {
        Map<String, String> fields = new LinkedHashMap<>();
        record.getValue().forEach((k, v) -> fields.put(String.valueOf(k), String.valueOf(v)));
        String error;
        synchronized (lastErrors) {
            error = lastErrors.remove(record.getId().getValue());
            deterministicFailures.remove(record.getId().getValue());
        }
        fields.put("error", error != null ? error : "failed " + attempts + " deliveries");
        fields.put("attempts", Long.toString(attempts));
        fields.put("consumerGroup", subscription.group());
        fields.put("sourceId", record.getId().getValue());
        fields.put("deadLetteredAt", Instant.now().toString());
        streams().add(MapRecord.create(properties.deadLetterKey(subscription.stream()), fields));
        streams().acknowledge(key, subscription.group(), record.getId());
        count(subscription, "dead-lettered");
        log.error(
                "Event {} on {} parked in {} after {} deliveries: {}",
                record.getId(),
                key,
                properties.deadLetterKey(subscription.stream()),
                attempts,
                fields.get("error"));
    }

    private Duration backoff(long deliveries) {
        long factor = 1L << Math.min(20, Math.max(0, deliveries - 1));
        Duration backoff = properties.retryBackoff().multipliedBy(factor);
        return backoff.compareTo(properties.retryMaxBackoff()) > 0 ? properties.retryMaxBackoff() : backoff;
    }

    private void ensureGroup(String key, String group) {
        try {
            streams().createGroup(key, ReadOffset.from("0"), group);
        } catch (RedisSystemException ex) {
            if (!groupExists(ex)) {
                throw ex;
            }
        }
    }

    private static boolean groupExists(Throwable failure) {
        for (@Nullable Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("BUSYGROUP")) {
                return true;
            }
        }
        return false;
    }

    private void rememberError(MapRecord<String, Object, Object> record, String error) {
        synchronized (lastErrors) {
            lastErrors.put(record.getId().getValue(), error);
        }
    }

    private int countDeterministicFailure(MapRecord<String, Object, Object> record) {
        synchronized (lastErrors) {
            return deterministicFailures.merge(record.getId().getValue(), 1, Integer::sum);
        }
    }

    private void forget(MapRecord<String, Object, Object> record) {
        synchronized (lastErrors) {
            lastErrors.remove(record.getId().getValue());
            deterministicFailures.remove(record.getId().getValue());
        }
    }

    private void failed(Subscription subscription, EventFailures.Kind kind) {
        MeterRegistry registry = meters.getIfAvailable();
        if (registry != null) {
            failureCounter(registry, subscription, kind).increment();
        }
        count(subscription, "failed");
    }

    private static io.micrometer.core.instrument.Counter failureCounter(
            MeterRegistry registry, Subscription subscription, EventFailures.Kind kind) {
        return registry.counter(
                HANDLER_FAILURES, "stream", subscription.stream(), "group", subscription.group(), "kind", kind.tag());
    }

    private StreamOperations<String, Object, Object> streams() {
        return redis.opsForStream();
    }

    private void count(Subscription subscription, String outcome) {
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

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
