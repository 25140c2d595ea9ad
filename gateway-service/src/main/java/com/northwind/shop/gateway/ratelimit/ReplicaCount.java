package com.northwind.shop.gateway.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * How many gateway replicas share the rate limits: every {@code interval} each replica writes a heartbeat into a
 * sorted set in Redis and counts the members heard from within three intervals. Off the request path; when Redis
 * cannot answer, the last count stays in force (the local buckets keep working) and the failure is counted in
 * {@code gateway.ratelimit.sync.failures}.
 */
final class ReplicaCount implements SmartLifecycle {

    /** Counter of heartbeats that could not reach Redis. */
    static final String SYNC_FAILURES_METRIC = "gateway.ratelimit.sync.failures";

    private static final Logger log = LoggerFactory.getLogger(ReplicaCount.class);

    private final ReactiveStringRedisTemplate redis;
    private final String key;
    private final String self = UUID.randomUUID().toString();
    private final Duration interval;
    private final Counter failures;
    private volatile int replicas = 1;
    private volatile @Nullable Disposable heartbeats;

    ReplicaCount(ReactiveStringRedisTemplate redis, String keyPrefix, Duration interval, MeterRegistry meters) {
        this.redis = redis;
        this.key = keyPrefix + "gateway:replicas";
        this.interval = interval;
        this.failures = Counter.builder(SYNC_FAILURES_METRIC)
                .description("Rate-limit heartbeats that could not reach Redis (the last replica count stays in force)")
                .register(meters);
        Gauge.builder("gateway.ratelimit.replicas", this, ReplicaCount::current)
                .description("Gateway replicas the rate limits are split between")
                .register(meters);
    }

    /** The live replicas, this one included; at least 1. */
    int current() {
        return replicas;
    }

    Mono<Integer> beat() {
        long now = System.currentTimeMillis();
        // Three missed beats (at least 3 s: a busy replica's beat may be late) and a replica no longer counts.
        long expired = now - Math.max(3000, 3 * interval.toMillis());
        return redis.opsForZSet()
                .add(key, self, now)
                .then(redis.opsForZSet()
                        .removeRangeByScore(key, Range.closed(Double.NEGATIVE_INFINITY, (double) expired)))
                .then(redis.opsForZSet().size(key))
                .map(size -> (int) Math.max(1, size))
                .doOnNext(size -> replicas = size)
                .timeout(interval.multipliedBy(2).plusSeconds(2))
                .onErrorResume(failure -> {
                    failures.increment();
                    log.debug("Rate-limit heartbeat failed; keeping {} replicas: {}", replicas, failure.toString());
                    return Mono.just(replicas);
                });
    }

    @Override
    public void start() {
        heartbeats = Flux.interval(Duration.ZERO, interval, Schedulers.parallel())
                .onBackpressureDrop()
                .concatMap(tick -> beat(), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = heartbeats;
        if (running != null) {
            running.dispose();
            heartbeats = null;
        }
        try {
            redis.opsForZSet().remove(key, self).block(Duration.ofSeconds(1));
        } catch (RuntimeException ex) {
            log.debug("Could not remove this replica's heartbeat: {}", ex.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return heartbeats != null;
    }
}
