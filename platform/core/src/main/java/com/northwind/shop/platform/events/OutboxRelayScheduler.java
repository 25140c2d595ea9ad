package com.northwind.shop.platform.events;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;

/** Runs the relay on a fixed delay, and as soon as possible after a transaction that wrote to the outbox commits. */
class OutboxRelayScheduler implements SmartLifecycle {

    private final OutboxRelay relay;
    private final Duration interval;
    private final AtomicBoolean wakeUpQueued = new AtomicBoolean();
    private @Nullable ScheduledExecutorService executor;

    OutboxRelayScheduler(OutboxRelay relay, Duration interval) {
        this.relay = relay;
        this.interval = interval;
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
        while (relay.publishBatch() > 0 && isRunning()) {
            // keep going while full batches come back
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("outbox-relay").daemon().factory());
        started.scheduleWithFixedDelay(this::drain, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
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
