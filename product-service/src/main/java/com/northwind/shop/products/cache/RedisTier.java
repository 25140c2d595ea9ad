package com.northwind.shop.products.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.serializer.GenericToStringSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * Cache-aside reads through Redis. A hit is one GET returning the bytes to send; a miss loads from PostgreSQL once per
 * key and JVM however many requests miss together ({@link SingleFlight}), then fills the key with {@code SET NX} and
 * a jittered TTL, or, where an eviction left a {@link Tombstone}, replaces exactly that tombstone. Redis errors are
 * counted and handed to the {@link RedisBackoff}, and the read goes to PostgreSQL.
 */
final class RedisTier {

    private static final RepresentationSerializer SERIALIZER = new RepresentationSerializer();

    /** Replaces a tombstone with a value only if it is still the tombstone the reader saw. */
    private static final RedisScript<Long> REPLACE_TOMBSTONE = RedisScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
                redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
                return 1
            end
            return 0
            """, Long.class);

    private final RedisTemplate<String, Representation> redis;
    private final RedisBackoff backoff;
    private final double ttlJitter;
    private final SingleFlight loads = new SingleFlight();

    RedisTier(RedisTemplate<String, Representation> redis, RedisBackoff backoff, double ttlJitter) {
        this.redis = redis;
        this.backoff = backoff;
        this.ttlJitter = ttlJitter;
    }

    /**
     * The value at the key {@code keyOf} names (computed inside the error handling, as it may ask Redis too), or
     * what {@code loader} finds, which then fills the key for {@code ttl}.
     */
    @Nullable
    Representation read(
            Supplier<String> keyOf,
            Duration ttl,
            Supplier<? extends @Nullable Representation> loader,
            CacheMetrics metrics) {
        String key;
        Representation cached;
        try {
            // A listing key holds the generation read here, before the query runs: a write that commits meanwhile
            // bumps the generation, so this load can only fill a key that nobody reads any more.
            key = keyOf.get();
            cached = redis.opsForValue().get(key);
        } catch (RuntimeException ex) {
            metrics.error.increment();
            backoff.failed(ex, "read");
            return loader.get();
        }
        if (cached != null && !Tombstone.is(cached)) {
            metrics.hit.increment();
            return cached;
        }
        metrics.miss.increment();
        if (cached == null) {
            return loads.load(key + "|", () -> {
                Representation filled = filledMeanwhile(key);
                if (filled != null) {
                    return filled;
                }
                Representation loaded = loader.get();
                if (loaded != null) {
                    // NX: a tombstone written meanwhile (a write committed after this load began) wins.
                    fill(metrics, () -> redis.opsForValue().setIfAbsent(key, loaded, jittered(ttl)));
                }
                return loaded;
            });
        }
        // Evicted by a write that committed before this read: this load sees that write. It replaces exactly the
        // tombstone it saw, so that it cannot overwrite the tombstone of a later write; and it only shares a load
        // with readers that saw the same tombstone, never with one that began before the write.
        Representation tombstone = cached;
        return loads.load(key + "|" + tombstone.text(), () -> {
            Representation filled = filledMeanwhile(key);
            if (filled != null) {
                return filled;
            }
            Representation loaded = loader.get();
            if (loaded != null) {
                fill(
                        metrics,
                        () -> redis.execute(
                                REPLACE_TOMBSTONE,
                                RedisSerializer.byteArray(),
                                new GenericToStringSerializer<>(Long.class),
                                List.of(key),
                                SERIALIZER.serialize(tombstone),
                                SERIALIZER.serialize(loaded),
                                String.valueOf(jittered(ttl).toMillis()).getBytes(StandardCharsets.US_ASCII)));
            }
            return loaded;
        });
    }

    /**
     * The values at these keys, in their order, null where a key holds nothing; null altogether if Redis failed (the
     * failure is counted and handed to the back-off). One MGET, and nothing is filled: see
     * {@link RepresentationCache#products}.
     */
    @Nullable
    List<@Nullable Representation> readAll(List<String> keys, CacheMetrics metrics) {
        try {
            return redis.opsForValue().multiGet(keys);
        } catch (RuntimeException ex) {
            metrics.error.increment();
            backoff.failed(ex, "read");
            return null;
        }
    }

    /**
     * The value another load stored after this reader's miss. A reader that missed just before a load finished
     * would otherwise find no load in flight any more and query again.
     */
    private @Nullable Representation filledMeanwhile(String key) {
        try {
            Representation current = redis.opsForValue().get(key);
            return current != null && !Tombstone.is(current) ? current : null;
        } catch (RuntimeException ex) {
            return null;
        }
    }

    private void fill(CacheMetrics metrics, Runnable write) {
        try {
            write.run();
        } catch (RuntimeException ex) {
            metrics.error.increment();
            backoff.failed(ex, "fill");
        }
    }

    private Duration jittered(Duration ttl) {
        double cut = ttlJitter * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.max(1_000, (long) (ttl.toMillis() * (1 - cut))));
    }
}
