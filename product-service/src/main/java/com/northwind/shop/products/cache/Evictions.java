package com.northwind.shop.products.cache;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The evictions this instance owes Redis. A product's key is overwritten with a short-lived {@link Tombstone}, so that
 * a reader that loaded the old row before the commit cannot put it back; the eviction is then announced on the
 * eviction channel for the other instances' near caches; listings are evicted all at once by bumping the generation
 * that is part of every listing key. Evictions stay pending until Redis took them, so that failed ones are replayed
 * before Redis is read again and stale entries never resurface.
 */
final class Evictions {

    private final RedisTemplate<String, Representation> redis;
    private final StringRedisTemplate strings;
    private final CacheKeys keys;
    private final Duration tombstoneTtl;
    private final Set<UUID> pendingProducts = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean pendingListings = new AtomicBoolean();

    Evictions(
            RedisTemplate<String, Representation> redis,
            StringRedisTemplate strings,
            CacheKeys keys,
            Duration tombstoneTtl) {
        this.redis = redis;
        this.strings = strings;
        this.keys = keys;
        this.tombstoneTtl = tombstoneTtl;
    }

    /** Owes Redis the eviction of these products and of every listing page; {@link #flush} pays it. */
    void add(Collection<UUID> productIds) {
        pendingProducts.addAll(productIds);
        pendingListings.set(true);
    }

    /** Whether an eviction is still owed (one failed, or is under way). */
    boolean pending() {
        return pendingListings.get() || !pendingProducts.isEmpty();
    }

    /** Writes every eviction owed; throws on a Redis error, leaving what failed owed. */
    void flush() {
        List<UUID> ids = List.copyOf(pendingProducts);
        for (UUID id : ids) {
            redis.opsForValue().set(keys.product(id), Tombstone.next(), tombstoneTtl);
        }
        if (!ids.isEmpty()) {
            // After the tombstones, so that an instance that hears of it can only read the new state from Redis.
            strings.convertAndSend(
                    keys.evictionChannel(),
                    String.join(",", ids.stream().map(UUID::toString).toList()));
            pendingProducts.removeAll(ids);
        }
        if (pendingListings.getAndSet(false)) {
            try {
                strings.opsForValue().increment(keys.listingGeneration());
            } catch (RuntimeException ex) {
                pendingListings.set(true);
                throw ex;
            }
        }
    }

    /**
     * The listing generation now. A reader reads it before it queries, so that a write committing meanwhile bumps it
     * and the reader can only fill a generation that nobody reads any more.
     */
    long listingGeneration() {
        String value = strings.opsForValue().get(keys.listingGeneration());
        return value == null ? 0 : Long.parseLong(value);
    }
}
