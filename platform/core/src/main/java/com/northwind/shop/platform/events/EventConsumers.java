package com.northwind.shop.platform.events;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.StreamOperations;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Runs every {@link Subscription}: one thread per subscription ({@link ConsumerLoop}) reads its stream as a
 * member of its consumer group, and each entry is handled (up to {@code concurrency} entries of a batch at once) inside a
 * transaction that also records the event id in {@code processed_events} ({@link ProcessedEvents}). The entry is acknowledged only after that transaction commits,
 * so a crash in between redelivers it, and the recorded id turns the redelivery into a no-op. A failing entry stays
 * pending and is retried with exponential backoff, capped at {@code retryMaxBackoff} (also when the instance that
 * first read it died). A passing failure ({@link EventFailures}: the database or Redis away, a timeout, a deadlock)
 * is retried for as long as it lasts; only an entry that failed deterministically {@code maxAttempts} times is moved
 * to the stream's dead-letter stream with its error ({@link EntryProcessor}), from where {@link DeadLetters} replays
 * it.
 */
public class EventConsumers implements SmartLifecycle {

    private final List<Subscription> subscriptions;
    private final StreamOperations<String, Object, Object> streams;
    private final ProcessedEvents processed;
    private final ConsumerMetrics metrics;
    private final EntryProcessor entries;
    private final EventsProperties properties;
    private final StreamKeys keys;
    private final String consumerName;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    EventConsumers(
            List<Subscription> subscriptions,
            StringRedisTemplate redis,
            ProcessedEvents processed,
            EventsProperties properties,
            StreamKeys keys,
            ObjectProvider<MeterRegistry> meters,
            String applicationName) {
        this.subscriptions = subscriptions;
        this.streams = redis.opsForStream();
        this.processed = processed;
        this.metrics = new ConsumerMetrics(meters);
        this.entries = new EntryProcessor(streams, processed, metrics, properties, keys);
        this.properties = properties;
        this.keys = keys;
        this.consumerName = applicationName + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public void start() {
        running = true;
        for (Subscription subscription : subscriptions) {
            metrics.register(subscription);
            ConsumerLoop loop = new ConsumerLoop(
                    subscription, consumerName, streams, entries, metrics, properties, keys, this::isRunning);
            // A platform thread, as its helpers (ConsumerLoop): it gets its share of the CPU beside the requests.
            threads.add(Thread.ofPlatform()
                    .daemon()
                    .name("events-" + subscription.group() + "-" + subscription.stream())
                    .start(loop));
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
}
