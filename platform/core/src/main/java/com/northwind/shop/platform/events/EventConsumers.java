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
 * the redelivery into a no-op. A failing entry stays pending and is retried with exponential backoff (also when
 * the instance that first read it died); after {@code maxAttempts} deliveries it is moved to the stream's
 * dead-letter stream with the error.
 */
public class EventConsumers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventConsumers.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

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
        while (running) {
            try {
                if (!groupReady) {
                    ensureGroup(key, subscription.group());
                    groupReady = true;
                }
                int handled = retryPending(subscription, key) + readNew(subscription, key);
                if (handled == 0) {
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
            }
        }
    }

    /** Handles entries this group has not seen yet; returns how many. */
    int readNew(Subscription subscription, String key) {
        List<MapRecord<String, Object, Object>> records = streams()
                .read(
                        Consumer.from(subscription.group(), consumerName),
                        StreamReadOptions.empty().count(properties.batchSize()),
                        StreamOffset.create(key, ReadOffset.lastConsumed()));
        if (records == null) {
            return 0;
        }
        records.forEach(record -> process(subscription, key, record));
        return records.size();
    }

    /**
     * Retries entries that were delivered but never acknowledged (a failed handler, or an instance that died), once
     * their backoff has passed; parks those that failed too often. Returns how many it took.
     */
    int retryPending(Subscription subscription, String key) {
        int taken = 0;
        for (PendingMessage pending :
                streams().pending(key, subscription.group(), Range.unbounded(), properties.batchSize())) {
            Duration backoff = backoff(pending.getTotalDeliveryCount());
            if (pending.getElapsedTimeSinceLastDelivery().compareTo(backoff) < 0) {
                continue;
            }
            List<MapRecord<String, Object, Object>> claimed =
                    streams().claim(key, subscription.group(), consumerName, backoff, pending.getId());
            for (MapRecord<String, Object, Object> record : claimed) {
                taken++;
                if (pending.getTotalDeliveryCount() >= properties.maxAttempts()) {
                    deadLetter(subscription, key, record, pending.getTotalDeliveryCount());
                } else {
                    process(subscription, key, record);
                }
            }
        }
        return taken;
    }

    private void process(Subscription subscription, String key, MapRecord<String, Object, Object> record) {
        Event event;
        try {
            event = Event.fromFields(record.getValue());
        } catch (RuntimeException ex) {
            rememberError(record, "malformed event: " + ex.getMessage());
            deadLetter(subscription, key, record, 1);
            return;
        }
        try {
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
            streams().acknowledge(key, subscription.group(), record.getId());
            count(subscription, Boolean.TRUE.equals(fresh) ? "handled" : "duplicate");
        } catch (RuntimeException ex) {
            rememberError(record, ex.getClass().getSimpleName() + ": " + ex.getMessage());
            count(subscription, "failed");
            log.warn(
                    "Handling {} {} in {} failed; it will be retried",
                    event.type(),
                    event.id(),
                    subscription.group(),
                    ex);
        }
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
        return backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
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
