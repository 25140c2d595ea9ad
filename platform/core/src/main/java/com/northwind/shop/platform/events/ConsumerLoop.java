package com.northwind.shop.platform.events;

import com.northwind.shop.platform.events.EntryProcessor.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.PendingMessage;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.StreamOperations;

/**
 * One subscription's reading thread: creates its consumer group when missing, reads new entries as a member of it
 * and, once per {@code retryBackoff}, claims the pending entries whose backoff passed (a failed handler, or an
 * instance that died), handing each to the {@link EntryProcessor}, up to {@code concurrency} entries at once. While a failure passes (the database away) it
 * reads nothing new; an exception or {@code Error} past the entries' own handling never ends the thread.
 */
final class ConsumerLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLoop.class);

    private final Subscription subscription;
    private final String key;
    private final String consumerName;
    private final StreamOperations<String, Object, Object> streams;
    private final EntryProcessor entries;
    private final ConsumerMetrics metrics;
    private final EventsProperties properties;
    private final BooleanSupplier running;
    /**
     * The {@code concurrency - 1} threads that handle entries beside the loop's own: platform threads, like the loop's,
     * so the operating system gives them their share of the CPU beside the request threads. As virtual threads every
     * round trip of an entry queued behind all the requests' virtual threads for the same two carriers, and at 64
     * customers the saga fell 5,000 events behind even with four of them (#17).
     */
    private final @Nullable ExecutorService helpers;

    ConsumerLoop(
            Subscription subscription,
            String consumerName,
            StreamOperations<String, Object, Object> streams,
            EntryProcessor entries,
            ConsumerMetrics metrics,
            EventsProperties properties,
            StreamKeys keys,
            BooleanSupplier running) {
        this.subscription = subscription;
        this.key = keys.streamKey(subscription.stream());
        this.consumerName = consumerName;
        this.streams = streams;
        this.entries = entries;
        this.metrics = metrics;
        this.properties = properties;
        this.running = running;
        this.helpers = properties.concurrency() > 1
                ? Executors.newFixedThreadPool(
                        properties.concurrency() - 1,
                        Thread.ofPlatform()
                                .daemon()
                                .name("events-" + subscription.group() + "-" + subscription.stream() + "-", 1)
                                .factory())
                : null;
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

    @Override
    public void run() {
        try {
            consume();
        } finally {
            if (helpers != null) {
                helpers.shutdown();
            }
        }
    }

    private void consume() {
        boolean groupReady = false;
        // XPENDING once per retry backoff, not on every poll: no pending entry is due for a retry any sooner, and an
        // idle consumer then costs one XREADGROUP per poll instead of two round trips.
        long pendingDueAt = System.nanoTime();
        boolean lastRoundFailed = false;
        while (running.getAsBoolean()) {
            try {
                if (!groupReady) {
                    ensureGroup();
                    groupReady = true;
                }
                Round round = new Round();
                if (lastRoundFailed || System.nanoTime() - pendingDueAt >= 0) {
                    pendingDueAt = System.nanoTime() + properties.retryBackoff().toNanos();
                    retryPending(round);
                }
                if (!round.transientFailure) {
                    // While the database is away, new entries would only fail too: leave them unread until it is back.
                    readNew(round);
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
                metrics.count(subscription, "error");
                sleepQuietly(properties.retryBackoff());
            }
        }
    }

    /** Handles entries this group has not seen yet. */
    private void readNew(Round round) {
        List<MapRecord<String, Object, Object>> records = streams.read(
                Consumer.from(subscription.group(), consumerName),
                StreamReadOptions.empty().count(properties.batchSize()),
                StreamOffset.create(key, ReadOffset.lastConsumed()));
        if (records == null || records.isEmpty()) {
            return;
        }
        handle(records.stream().map(record -> new Delivery(record, 1)).toList(), round);
    }

    /**
     * Retries entries that were delivered but never acknowledged (a failed handler, or an instance that died), once
     * their backoff has passed.
     */
    private void retryPending(Round round) {
        for (PendingMessage pending :
                streams.pending(key, subscription.group(), Range.unbounded(), properties.batchSize())) {
            Duration backoff = backoff(pending.getTotalDeliveryCount());
            if (pending.getElapsedTimeSinceLastDelivery().compareTo(backoff) < 0) {
                continue;
            }
            // One at a time, claimed only when its turn comes: after a passing failure the rest keep their delivery
            // counts, so their backoff does not grow for a try that never happened.
            List<Delivery> claimed =
                    streams.claim(key, subscription.group(), consumerName, backoff, pending.getId()).stream()
                            .map(record -> new Delivery(record, pending.getTotalDeliveryCount() + 1))
                            .toList();
            handle(claimed, round);
            if (round.transientFailure) {
                return;
            }
        }
    }

    /** One delivery of an entry: the record and which delivery it is (1 for the first). */
    private record Delivery(MapRecord<String, Object, Object> record, long number) {}

    /**
     * Hands the entries to the {@link EntryProcessor} on up to {@code concurrency} threads at once, each entry in its
     * own transaction, then acknowledges every settled one in one {@code XACK}. Each entry's round trips to the
     * database and Redis wait for a free CPU on a busy instance: handled one after another, a consumer falls behind a
     * crowd of requests (#17). After a passing failure no further entry is started; those stay pending (delivered, not
     * acknowledged) and are retried with it.
     */
    private void handle(List<Delivery> deliveries, Round round) {
        Queue<Delivery> queue = new ConcurrentLinkedQueue<>(deliveries);
        Queue<RecordId> settled = new ConcurrentLinkedQueue<>();
        AtomicBoolean passingFailure = new AtomicBoolean();
        Runnable worker = () -> {
            Delivery delivery;
            while (!passingFailure.get() && (delivery = queue.poll()) != null) {
                Outcome outcome = entries.process(subscription, key, delivery.record(), delivery.number());
                synchronized (round) {
                    round.add(outcome);
                }
                if (outcome.toAcknowledge()) {
                    settled.add(delivery.record().getId());
                } else if (outcome == Outcome.TRANSIENT_FAILURE) {
                    passingFailure.set(true);
                }
            }
        };
        try {
            runOnWorkers(worker, Math.min(properties.concurrency(), deliveries.size()));
        } finally {
            if (!settled.isEmpty()) {
                streams.acknowledge(key, subscription.group(), settled.toArray(RecordId[]::new));
            }
        }
    }

    /** Runs the worker on this thread and on {@code threads - 1} helper threads; rethrows what one of them threw. */
    private void runOnWorkers(Runnable worker, int threads) {
        List<Future<?>> started = new ArrayList<>();
        for (int i = 1; i < threads && helpers != null; i++) {
            started.add(helpers.submit(worker));
        }
        try {
            worker.run();
        } finally {
            // Every started entry's transaction finishes before the batch is acknowledged or the loop ends.
            for (Future<?> helper : started) {
                Throwable failure = outcomeOf(helper);
                if (failure instanceof RuntimeException ex) {
                    throw ex;
                }
                if (failure instanceof Error ex) {
                    throw ex;
                }
            }
        }
    }

    /** Waits for a helper's run, even when interrupted (a stop), and returns what it threw, if anything. */
    private static @Nullable Throwable outcomeOf(Future<?> helper) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    helper.get();
                    return null;
                } catch (InterruptedException ex) {
                    interrupted = true;
                } catch (ExecutionException ex) {
                    return ex.getCause();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Duration backoff(long deliveries) {
        long factor = 1L << Math.min(20, Math.max(0, deliveries - 1));
        Duration backoff = properties.retryBackoff().multipliedBy(factor);
        return backoff.compareTo(properties.retryMaxBackoff()) > 0 ? properties.retryMaxBackoff() : backoff;
    }

    private void ensureGroup() {
        try {
            streams.createGroup(key, ReadOffset.from("0"), subscription.group());
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

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
