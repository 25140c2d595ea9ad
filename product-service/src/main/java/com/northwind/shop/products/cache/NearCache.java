package com.northwind.shop.products.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Collection;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The products' representations most recently read on this instance, held in memory for a short time in front of
 * Redis, so that a hot product costs no network round trip at all.
 *
 * <p>Every invalidation advances an epoch. A reader notes the epoch before it asks Redis or PostgreSQL, and what it
 * read is only kept if no invalidation happened meanwhile: a value read before a write's eviction can thus never
 * outlive that eviction here (see {@link #put}). The writing instance invalidates before the write's response is
 * sent; other instances when the eviction reaches them over Redis pub/sub, or at the latest after the entry's TTL.
 */
final class NearCache {

    private final @Nullable Cache<UUID, Representation> entries;
    private final AtomicLong epoch = new AtomicLong();

    /** A near cache that keeps up to {@code maxEntries} for {@code ttl}; a zero TTL disables it. */
    NearCache(Duration ttl, long maxEntries) {
        this.entries = ttl.isZero() || maxEntries == 0
                ? null
                : Caffeine.newBuilder()
                        .expireAfterWrite(ttl)
                        .maximumSize(maxEntries)
                        .build();
    }

    boolean enabled() {
        return entries != null;
    }

    @Nullable
    Representation get(UUID id) {
        return entries == null ? null : entries.getIfPresent(id);
    }

    /** The epoch to pass to {@link #put}: read it before reading the value. */
    long epoch() {
        return epoch.get();
    }

    /**
     * Keeps {@code value}, read after {@code epochBefore} was taken, unless an invalidation happened since. The check
     * after the put closes the race with an invalidation running concurrently: either the invalidation advanced the
     * epoch before the check (and this removes the entry), or it removes the entry itself after the put.
     */
    void put(UUID id, Representation value, long epochBefore) {
        if (entries == null || epoch.get() != epochBefore) {
            return;
        }
        entries.put(id, value);
        if (epoch.get() != epochBefore) {
            entries.invalidate(id);
        }
    }

    /** Forgets these products; values read before this call will not be kept either. */
    void invalidate(Collection<UUID> ids) {
        epoch.incrementAndGet();
        if (entries != null) {
            entries.invalidateAll(ids);
        }
    }

    /** Forgets everything (a missed invalidation message may have left any entry stale). */
    void clear() {
        epoch.incrementAndGet();
        if (entries != null) {
            entries.invalidateAll();
        }
    }
}
