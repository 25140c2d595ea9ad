package com.northwind.shop.products.cache;

import com.northwind.shop.platform.RedisKeyProperties;
import com.northwind.shop.products.config.ProductsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.DigestUtils;

/**
 * Cache-aside in Redis for the public catalog's representations: one product by id, and listing pages.
 *
 * <ul>
 *   <li>A hit is one GET returning the bytes to send; a miss loads from PostgreSQL once per key and JVM however many
 *       requests miss together (single flight), then fills the key with {@code SET NX} and a jittered TTL.
 *   <li>A write evicts after its commit: a product's key is overwritten with a short-lived tombstone, so that a
 *       reader that loaded the old row before the commit cannot put it back ({@code SET NX} fails on the tombstone);
 *       listings are evicted all at once by bumping a generation number that is part of every listing key (a reader
 *       reads the generation before it queries, so it can only fill a generation that is already stale).
 *   <li>Redis errors and timeouts are counted, logged and bypassed: the read goes to PostgreSQL, and Redis is skipped
 *       for a back-off period so that a dead Redis costs one timeout, not one per request. Evictions that failed are
 *       replayed before Redis is read again, so that stale entries never resurface.
 *   <li>Several products in one read (order-service's cart) take what memory holds, one MGET for the rest and one
 *       statement for what Redis lacks.
 *   <li>In front of Redis, each instance keeps the products it read last in memory for a few seconds
 *       ({@link NearCache}), so that a hot product costs no round trip at all. An eviction clears them on the writing
 *       instance before the write's response is sent, and on every other instance when it arrives over Redis pub/sub
 *       (normally within milliseconds; if a message is lost, at the latest when the entry's TTL ends).
 * </ul>
 *
 * <p>This class puts the tiers together; each job is a class of its own: {@link RedisTier} (reads, fills, single
 * flight), {@link Evictions} (tombstones, listing generations, announcements, replay), {@link RedisBackoff},
 * {@link NearCache}, {@link CacheKeys} and {@link CacheMetrics}.
 */
public class RepresentationCache {

    private final ProductsProperties.Cache settings;
    private final CacheKeys keys;
    private final RedisBackoff backoff;
    private final RedisTier redisTier;
    private final Evictions evictions;
    private final NearCache near;
    private final CacheMetrics productMetrics;
    private final CacheMetrics listingMetrics;
    private final CacheMetrics evictionMetrics;
    private final CacheMetrics nearMetrics;
    private volatile boolean hearsEvictions;

    RepresentationCache(
            RedisTemplate<String, Representation> redis,
            StringRedisTemplate strings,
            ProductsProperties properties,
            RedisKeyProperties keyProperties,
            MeterRegistry meters,
            Clock clock) {
        this.settings = properties.cache();
        this.keys = new CacheKeys(keyProperties.keyPrefix() + "products:" + settings.keyVersion() + ":");
        this.backoff = new RedisBackoff(clock, settings.backoff());
        this.redisTier = new RedisTier(redis, backoff, settings.ttlJitter());
        this.evictions = new Evictions(redis, strings, keys, settings.tombstoneTtl());
        this.productMetrics = new CacheMetrics(meters, "product");
        this.listingMetrics = new CacheMetrics(meters, "listing");
        this.evictionMetrics = new CacheMetrics(meters, "eviction");
        this.nearMetrics = new CacheMetrics(meters, "product-near");
        this.near = settings.enabled()
                ? new NearCache(settings.nearTtl(), settings.nearMaxEntries())
                : new NearCache(Duration.ZERO, 0);
    }

    /** The representation of one product, or null if {@code loader} finds none (absence is not cached). */
    public @Nullable Representation product(UUID id, Supplier<@Nullable Representation> loader) {
        Supplier<String> key = () -> keys.product(id);
        if (!hearsEvictions || !redisUsable()) {
            return read(key, settings.productTtl(), loader, productMetrics);
        }
        Representation kept = near.get(id);
        if (kept != null) {
            nearMetrics.hit.increment();
            productMetrics.hit.increment();
            return kept;
        }
        nearMetrics.miss.increment();
        long epoch = near.epoch();
        Representation read = read(key, settings.productTtl(), loader, productMetrics);
        if (read != null) {
            near.put(id, read, epoch);
        }
        return read;
    }

    /**
     * The representations of several products, those that exist, in the order of {@code ids}: from memory what it
     * holds, then one Redis MGET for the rest, then one call of {@code loader} for what neither holds. What Redis or
     * the loader gives is kept in memory under the same epoch rule as a single read's. Redis itself is left to single
     * reads ({@link #product}), which fill a key one at a time and know how to replace a tombstone: a batch never
     * writes to Redis.
     */
    public List<Representation> products(
            Collection<UUID> ids, Function<Collection<UUID>, Map<UUID, Representation>> loader) {
        if (!settings.enabled() || !redisUsable()) {
            productMetrics.bypass.increment(ids.size());
            return inOrderOf(ids, loader.apply(ids));
        }
        boolean useNear = hearsEvictions;
        Map<UUID, Representation> found = new HashMap<>();
        List<UUID> missing = new ArrayList<>();
        for (UUID id : ids) {
            Representation kept = useNear ? near.get(id) : null;
            if (kept != null) {
                found.put(id, kept);
            } else {
                missing.add(id);
            }
        }
        if (useNear) {
            nearMetrics.hit.increment(found.size());
            nearMetrics.miss.increment(missing.size());
        }
        if (missing.isEmpty()) {
            productMetrics.hit.increment(found.size());
            return inOrderOf(ids, found);
        }
        long epoch = near.epoch();
        List<@Nullable Representation> cached =
                redisTier.readAll(missing.stream().map(keys::product).toList(), productMetrics);
        List<UUID> toLoad = new ArrayList<>();
        for (int i = 0; i < missing.size(); i++) {
            Representation value = cached == null ? null : cached.get(i);
            if (value != null && !Tombstone.is(value)) {
                found.put(missing.get(i), value);
                if (useNear) {
                    near.put(missing.get(i), value, epoch);
                }
            } else {
                toLoad.add(missing.get(i));
            }
        }
        productMetrics.hit.increment(ids.size() - toLoad.size());
        productMetrics.miss.increment(toLoad.size());
        if (!toLoad.isEmpty()) {
            loader.apply(toLoad).forEach((id, value) -> {
                found.put(id, value);
                if (useNear) {
                    near.put(id, value, epoch);
                }
            });
        }
        return inOrderOf(ids, found);
    }

    private static List<Representation> inOrderOf(Collection<UUID> ids, Map<UUID, Representation> found) {
        return ids.stream().map(found::get).filter(Objects::nonNull).toList();
    }

    /** The representation of a listing page, identified by its normalized query. */
    public Representation listing(String query, Supplier<Representation> loader) {
        String digest = DigestUtils.md5DigestAsHex(query.getBytes(StandardCharsets.UTF_8));
        Representation page = read(
                () -> keys.listing(evictions.listingGeneration(), digest),
                settings.listingTtl(),
                loader,
                listingMetrics);
        if (page == null) {
            throw new IllegalStateException("A listing loader returned nothing");
        }
        return page;
    }

    /** Evicts these products and every listing page; call after the change committed. */
    public void evict(Collection<UUID> productIds) {
        if (!settings.enabled()) {
            return;
        }
        evictions.add(productIds);
        try {
            evictions.flush();
        } catch (RuntimeException ex) {
            evictionMetrics.error.increment();
            backoff.failed(ex, "evict");
        } finally {
            // After the tombstones: a reader that got the old value from Redis before them took its epoch earlier,
            // so this invalidation also keeps that value out of memory.
            near.invalidate(productIds);
        }
    }

    /** The pub/sub channel on which every instance announces the products it evicted. */
    String evictionChannel() {
        return keys.evictionChannel();
    }

    boolean nearEnabled() {
        return near.enabled();
    }

    /** Whether reads currently use the near cache (it is on, and evictions are heard). */
    boolean nearInUse() {
        return hearsEvictions;
    }

    /** Another instance (or this one) evicted these products from Redis. */
    void evictedElsewhere(Collection<UUID> productIds) {
        near.invalidate(productIds);
    }

    /** Forgets every product kept in memory. */
    void forgetNearEntries() {
        near.clear();
    }

    /**
     * The subscription to evictions stands (again): announcements may have been missed before, so start afresh, and
     * use the near cache from now on.
     */
    void subscribed() {
        near.clear();
        hearsEvictions = near.enabled();
    }

    /** Evictions of other instances are no longer heard: stop using the near cache. */
    void unsubscribed() {
        hearsEvictions = false;
        near.clear();
    }

    private @Nullable Representation read(
            Supplier<String> keyOf,
            Duration ttl,
            Supplier<? extends @Nullable Representation> loader,
            CacheMetrics metrics) {
        if (!settings.enabled() || !redisUsable()) {
            metrics.bypass.increment();
            return loader.get();
        }
        return redisTier.read(keyOf, ttl, loader, metrics);
    }

    /** Redis is not being skipped after a failure, and every eviction owed to it has been written. */
    private boolean redisUsable() {
        if (backoff.skipping()) {
            return false;
        }
        if (evictions.pending()) {
            try {
                evictions.flush();
            } catch (RuntimeException ex) {
                evictionMetrics.error.increment();
                backoff.failed(ex, "replay evictions");
                return false;
            }
        }
        return true;
    }
}
