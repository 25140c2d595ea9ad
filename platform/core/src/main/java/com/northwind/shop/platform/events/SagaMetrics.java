package com.northwind.shop.platform.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.stream.PendingMessagesSummary;
import org.springframework.data.redis.connection.stream.StreamInfo;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The saga's health as gauges: outbox backlog and the age of its oldest unpublished row ({@code shop.outbox.*}), and
 * per consumer group of this service: lag, age of the oldest unacknowledged entry and dead-letter depth ({@code
 * shop.events.*}, tags {@code stream} and {@code group}). Values are read in the background every {@code
 * metricsInterval} and the gauges report the last reading, so a scrape never waits on the database or Redis. Every instance of a
 * service reports the same group values: alert on their maximum.
 */
class SagaMetrics implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SagaMetrics.class);

    private final JdbcTemplate jdbc;
    private final StringRedisTemplate redis;
    private final EventsProperties properties;
    private final StreamKeys keys;
    private final List<Subscription> subscriptions;
    private final @Nullable DeadLetters deadLetters;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestUnpublishedMillis = new AtomicLong();
    private final Map<Subscription, GroupReading> groups = new ConcurrentHashMap<>();
    private final ObjectProvider<MeterRegistry> registry;
    private @Nullable ScheduledExecutorService executor;

    SagaMetrics(
            JdbcTemplate jdbc,
            StringRedisTemplate redis,
            EventsProperties properties,
            StreamKeys keys,
            List<Subscription> subscriptions,
            @Nullable DeadLetters deadLetters,
            ObjectProvider<MeterRegistry> registry) {
        this.jdbc = jdbc;
        this.redis = redis;
        this.properties = properties;
        this.keys = keys;
        this.subscriptions = subscriptions;
        this.deadLetters = deadLetters;
        this.registry = registry;
        for (Subscription subscription : subscriptions) {
            groups.put(subscription, new GroupReading());
        }
    }

    /** Registers the gauges; at start, once every bean (the registry among them) exists. */
    private void register(MeterRegistry registry) {
        Gauge.builder("shop.outbox.backlog", backlog, AtomicLong::get)
                .description("Outbox rows not yet published")
                .register(registry);
        TimeGauge.builder(
                        "shop.outbox.oldest.age",
                        oldestUnpublishedMillis,
                        TimeUnit.MILLISECONDS,
                        AtomicLong::doubleValue)
                .description("Age of the oldest unpublished outbox row")
                .register(registry);
        for (Subscription subscription : subscriptions) {
            GroupReading reading = Objects.requireNonNull(groups.get(subscription));
            String[] tags = {"stream", subscription.stream(), "group", subscription.group()};
            Gauge.builder("shop.events.consumer.lag", reading.lag, AtomicLong::get)
                    .description("Entries of the stream the group has not read yet")
                    .tags(tags)
                    .register(registry);
            TimeGauge.builder(
                            "shop.events.pending.oldest.age",
                            reading.oldestPendingMillis,
                            TimeUnit.MILLISECONDS,
                            AtomicLong::doubleValue)
                    .description("Age of the oldest entry the group read but has not acknowledged")
                    .tags(tags)
                    .register(registry);
            Gauge.builder("shop.events.dead.letters", reading.deadLetters, AtomicLong::get)
                    .description("Entries the group parked in the dead-letter stream")
                    .tags(tags)
                    .register(registry);
        }
    }

    private static final class GroupReading {
        final AtomicLong lag = new AtomicLong();
        final AtomicLong oldestPendingMillis = new AtomicLong();
        final AtomicLong deadLetters = new AtomicLong();
    }

    /** Reads every value once; never throws (a failed reading keeps the last values). */
    void refresh() {
        try {
            Map<String, @Nullable Object> outbox = jdbc.queryForMap("""
                    SELECT count(*) AS backlog,
                           coalesce(extract(epoch FROM now() - min(occurred_at)) * 1000, 0)::bigint AS oldest
                    FROM outbox_events WHERE published_at IS NULL
                    """);
            // count(*) and coalesce(...) are never NULL.
            backlog.set(((Number) Objects.requireNonNull(outbox.get("backlog"))).longValue());
            oldestUnpublishedMillis.set(
                    Math.max(0, ((Number) Objects.requireNonNull(outbox.get("oldest"))).longValue()));
        } catch (RuntimeException ex) {
            log.debug("Could not read the outbox backlog", ex);
        }
        for (Subscription subscription : subscriptions) {
            try {
                refresh(subscription, Objects.requireNonNull(groups.get(subscription)));
            } catch (RuntimeException ex) {
                log.debug("Could not read consumer group {} on {}", subscription.group(), subscription.stream(), ex);
            }
        }
    }

    private void refresh(Subscription subscription, GroupReading reading) {
        String key = keys.streamKey(subscription.stream());
        if (Boolean.TRUE.equals(redis.hasKey(key))) {
            for (StreamInfo.XInfoGroup group : redis.opsForStream().groups(key)) {
                if (group.groupName().equals(subscription.group())) {
                    Object lag = group.getRaw().get("lag");
                    reading.lag.set(lag instanceof Number n ? n.longValue() : parse(lag));
                }
            }
            PendingMessagesSummary pending = redis.opsForStream().pending(key, subscription.group());
            if (pending != null && pending.getTotalPendingMessages() > 0 && pending.minMessageId() != null) {
                long enteredAt =
                        OutboxMaintenance.StreamId.parse(pending.minMessageId()).millis();
                reading.oldestPendingMillis.set(Math.max(0, System.currentTimeMillis() - enteredAt));
            } else {
                reading.oldestPendingMillis.set(0);
            }
        } else {
            reading.lag.set(0);
            reading.oldestPendingMillis.set(0);
        }
        if (deadLetters != null) {
            reading.deadLetters.set(deadLetters.count(subscription.stream(), subscription.group()));
        }
    }

    private static long parse(@Nullable Object value) {
        try {
            return value != null ? Long.parseLong(value.toString()) : 0;
        } catch (NumberFormatException ex) {
            return 0;
        }
    }

    @Override
    public void start() {
        MeterRegistry meters = registry.getIfAvailable();
        if (meters != null) {
            register(meters);
        }
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("saga-metrics").daemon().factory());
        started.scheduleWithFixedDelay(
                this::refresh,
                properties.metricsInterval().toMillis(),
                properties.metricsInterval().toMillis(),
                TimeUnit.MILLISECONDS);
        executor = started;
    }

    @Override
    public void stop() {
        ScheduledExecutorService current = executor;
        executor = null;
        if (current != null) {
            current.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
