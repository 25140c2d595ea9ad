package com.northwind.shop.products.cache;

import com.northwind.shop.platform.RedisKeyProperties;
import com.northwind.shop.products.config.ProductsProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.serializer.GenericToStringSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;
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
 *   <li>In front of Redis, each instance keeps the products it read last in memory for a few seconds
 *       ({@link NearCache}), so that a hot product costs no round trip at all. An eviction clears them on the writing
 *       instance before the write's response is sent, and on every other instance when it arrives over Redis pub/sub
 *       (normally within milliseconds; if a message is lost, at the latest when the entry's TTL ends).
 * </ul>
 */
public class RepresentationCache {

    private static final Logger log = LoggerFactory.getLogger(RepresentationCache.class);

    private final RedisTemplate<String, Representation> redis;
    private final StringRedisTemplate strings;
    private final ProductsProperties.Cache settings;
    private final String keyRoot;
    private final Clock clock;
    private final Map<String, CompletableFuture<@Nullable Representation>> inFlight = new ConcurrentHashMap<>();
    private final Set<UUID> pendingProductEvictions = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean pendingListingEviction = new AtomicBoolean();
    private final Metrics productMetrics;
    private final Metrics listingMetrics;
    private final Metrics evictionMetrics;
    private final Metrics nearMetrics;
    private final NearCache near;
    private final String evictionChannel;
    private volatile long skipRedisUntil;
    private volatile boolean hearsEvictions;

    RepresentationCache(
            RedisTemplate<String, Representation> redis,
            StringRedisTemplate strings,
            ProductsProperties properties,
            RedisKeyProperties keys,
            MeterRegistry meters,
            Clock clock) {
        this.redis = redis;
        this.strings = strings;
        this.settings = properties.cache();
        this.keyRoot = keys.keyPrefix() + "products:" + settings.keyVersion() + ":";
        this.clock = clock;
        this.productMetrics = new Metrics(meters, "product");
        this.listingMetrics = new Metrics(meters, "listing");
        this.evictionMetrics = new Metrics(meters, "eviction");
        this.nearMetrics = new Metrics(meters, "product-near");
        this.near = settings.enabled()
                ? new NearCache(settings.nearTtl(), settings.nearMaxEntries())
                : new NearCache(Duration.ZERO, 0);
        this.evictionChannel = keyRoot + "evictions";
    }

    private static final RepresentationSerializer SERIALIZER = new RepresentationSerializer();

    /** Replaces a tombstone with a value only if it is still the tombstone the reader saw. */
    private static final RedisScript<Long> REPLACE_TOMBSTONE = RedisScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
                redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
                return 1
            end
            return 0
            """, Long.class);

    /** The representation of one product, or null if {@code loader} finds none (absence is not cached). */
    public @Nullable Representation product(UUID id, Supplier<@Nullable Representation> loader) {
        Supplier<String> key = () -> keyRoot + "product:" + id;
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

    /** The representation of a listing page, identified by its normalized query. */
    public Representation listing(String query, Supplier<Representation> loader) {
        String digest = DigestUtils.md5DigestAsHex(query.getBytes(StandardCharsets.UTF_8));
        Representation page = read(
                () -> keyRoot + "listing:" + generation() + ":" + digest,
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
        pendingProductEvictions.addAll(productIds);
        pendingListingEviction.set(true);
        try {
            flushEvictions();
        } catch (RuntimeException ex) {
            evictionMetrics.error.increment();
            failed(ex, "evict");
        } finally {
            // After the tombstones: a reader that got the old value from Redis before them took its epoch earlier,
            // so this invalidation also keeps that value out of memory.
            near.invalidate(productIds);
        }
    }

    /** The pub/sub channel on which every instance announces the products it evicted. */
    String evictionChannel() {
        return evictionChannel;
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
            Metrics metrics) {
        if (!settings.enabled() || !redisUsable()) {
            metrics.bypass.increment();
            return loader.get();
        }
        String key;
        Representation cached;
        try {
            // A listing key holds the generation read here, before the query runs: a write that commits meanwhile
            // bumps the generation, so this load can only fill a key that nobody reads any more.
            key = keyOf.get();
            cached = redis.opsForValue().get(key);
        } catch (RuntimeException ex) {
            metrics.error.increment();
            failed(ex, "read");
            return loader.get();
        }
        if (cached != null && !isTombstone(cached)) {
            metrics.hit.increment();
            return cached;
        }
        metrics.miss.increment();
        if (cached == null) {
            return singleFlight(key + "|", () -> {
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
        return singleFlight(key + "|" + tombstone.text(), () -> {
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
     * The value another load stored after this reader's miss. A reader that missed just before a load finished
     * would otherwise find no load in flight any more and query again.
     */
    private @Nullable Representation filledMeanwhile(String key) {
        try {
            Representation current = redis.opsForValue().get(key);
            return current != null && !isTombstone(current) ? current : null;
        } catch (RuntimeException ex) {
            return null;
        }
    }

    private void fill(Metrics metrics, Runnable write) {
        try {
            write.run();
        } catch (RuntimeException ex) {
            metrics.error.increment();
            failed(ex, "fill");
        }
    }

    /** Concurrent misses of one key in this JVM share a single load. */
    private @Nullable Representation singleFlight(String key, Supplier<@Nullable Representation> load) {
        CompletableFuture<@Nullable Representation> mine = new CompletableFuture<>();
        CompletableFuture<@Nullable Representation> leader = inFlight.putIfAbsent(key, mine);
        if (leader != null) {
            try {
                return leader.join();
            } catch (CompletionException ex) {
                if (ex.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw ex;
            }
        }
        try {
            Representation loaded = load.get();
            mine.complete(loaded);
            return loaded;
        } catch (RuntimeException ex) {
            mine.completeExceptionally(ex);
            throw ex;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private long generation() {
        String value = strings.opsForValue().get(keyRoot + "listing-generation");
        return value == null ? 0 : Long.parseLong(value);
    }

    private boolean redisUsable() {
        if (clock.millis() < skipRedisUntil) {
            return false;
        }
        if (pendingListingEviction.get() || !pendingProductEvictions.isEmpty()) {
            try {
                flushEvictions();
            } catch (RuntimeException ex) {
                evictionMetrics.error.increment();
                failed(ex, "replay evictions");
                return false;
            }
        }
        return true;
    }

    private void flushEvictions() {
        List<UUID> ids = List.copyOf(pendingProductEvictions);
        for (UUID id : ids) {
            redis.opsForValue().set(keyRoot + "product:" + id, tombstone(), settings.tombstoneTtl());
        }
        if (!ids.isEmpty()) {
            // After the tombstones, so that an instance that hears of it can only read the new state from Redis.
            strings.convertAndSend(
                    evictionChannel,
                    String.join(",", ids.stream().map(UUID::toString).toList()));
            pendingProductEvictions.removeAll(ids);
        }
        if (pendingListingEviction.getAndSet(false)) {
            try {
                strings.opsForValue().increment(keyRoot + "listing-generation");
            } catch (RuntimeException ex) {
                pendingListingEviction.set(true);
                throw ex;
            }
        }
    }

    /** A tombstone unique to one eviction: an empty entity tag, and a random token as the body. */
    private static Representation tombstone() {
        return new Representation("", UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean isTombstone(Representation value) {
        return value.etag().isEmpty();
    }

    private void failed(RuntimeException ex, String operation) {
        skipRedisUntil = clock.millis() + settings.backoff().toMillis();
        log.warn(
                "Redis cache {} failed; serving from PostgreSQL for the next {}: {}",
                operation,
                settings.backoff(),
                ex.toString());
    }

    private Duration jittered(Duration ttl) {
        double cut = settings.ttlJitter() * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.max(1_000, (long) (ttl.toMillis() * (1 - cut))));
    }

    /** Counters of one cache: {@code northwind.cache.requests{cache, result}}. */
    private static final class Metrics {
        final Counter hit;
        final Counter miss;
        final Counter error;
        final Counter bypass;

        Metrics(MeterRegistry meters, String cache) {
            hit = counter(meters, cache, "hit");
            miss = counter(meters, cache, "miss");
            error = counter(meters, cache, "error");
            bypass = counter(meters, cache, "bypass");
        }

        private static Counter counter(MeterRegistry meters, String cache, String result) {
            return Counter.builder("northwind.cache.requests")
                    .description("Catalog cache lookups by result: hit, miss, error (Redis failed), bypass (skipped);"
                            + " cache=product-near counts which product lookups memory answered")
                    .tag("cache", cache)
                    .tag("result", result)
                    .register(meters);
        }
    }
}
