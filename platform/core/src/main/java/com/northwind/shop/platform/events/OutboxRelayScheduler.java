package com.northwind.shop.platform.events;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the relay on a fixed delay, and as soon as possible after a transaction that wrote to the outbox commits;
 * and the outbox maintenance (trimming, replay window, Redis restarts) on its own, slower, schedule.
 */
class OutboxRelayScheduler implements SmartLifecycle {

    /** How often Redis is asked whether it is still the same process. */
    private static final Duration REDIS_CHECK_INTERVAL = Duration.ofSeconds(5);

    private final OutboxRelay relay;
    private final Duration interval;
    private final OutboxMaintenance maintenance;
    private final Duration maintenanceInterval;
    private final AtomicBoolean wakeUpQueued = new AtomicBoolean();
    private @Nullable ScheduledExecutorService executor;

    OutboxRelayScheduler(
            OutboxRelay relay, Duration interval, OutboxMaintenance maintenance, Duration maintenanceInterval) {
        this.relay = relay;
        this.interval = interval;
        this.maintenance = maintenance;
        this.maintenanceInterval = maintenanceInterval;
    }

    /** Asks for a pass now; at most one such request waits at a time. */
    void wakeUp() {
        ScheduledExecutorService current = executor;
        if (current != null && wakeUpQueued.compareAndSet(false, true)) {
            current.execute(() -> {
                wakeUpQueued.set(false);
                drain();
            });
        }
    }

    private void drain() {
        // A batch smaller than the limit means the outbox was empty when it was read: another pass now would only
        // find nothing (a query and a commit per wake-up). A row committed meanwhile wakes the relay up again.
        while (relay.publishBatch() >= relay.batchSize() && isRunning()) {
            // keep going while full batches come back
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("outbox-relay").daemon().factory());
        started.scheduleWithFixedDelay(this::drain, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        // The first look at Redis comes at once, so a restart is recognised against the process seen at start.
        started.scheduleWithFixedDelay(
                maintenance::checkRedis, 0, REDIS_CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        started.scheduleWithFixedDelay(
                maintenance::run,
                maintenanceInterval.toMillis(),
                maintenanceInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        executor = started;
    }

    @Override
    public void stop() {
        ScheduledExecutorService current = executor;
        executor = null;
        if (current != null) {
            current.shutdown();
            try {
                current.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
