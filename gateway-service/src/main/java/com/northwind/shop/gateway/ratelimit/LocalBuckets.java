package com.northwind.shop.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.northwind.shop.gateway.GatewayProperties;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Token buckets per caller held in this gateway's memory: no Redis round trip on a request. The cluster-wide limit is
 * split by the number of live gateway replicas ({@link ReplicaCount}, kept in Redis): each replica refills its
 * bucket at {@code rate / n} and holds at most {@code burst / n}.
 *
 * <p>Accuracy: when the load balancer in front spreads a caller's requests over the replicas (round robin, or random
 * over many requests), the cluster lets through the configured rate within a few percent; a caller pinned to one
 * replica gets {@code 1/n} of its limit (stricter, never looser). While a replica joins or leaves, the split lags by
 * up to one heartbeat ({@code sync-interval}) plus the heartbeat's time to live (three intervals). A bucket untouched
 * for longer than it takes to fill is dropped (it would be full anyway), so the key limit bounds memory, not
 * accuracy.
 */
final class LocalBuckets implements Limiter {

    private final GatewayProperties.Limit limit;
    private final ReplicaCount replicas;
    private final Cache<String, Bucket> buckets;

    LocalBuckets(GatewayProperties.Limit limit, ReplicaCount replicas, int maxKeys) {
        this.limit = limit;
        this.replicas = replicas;
        long fillMillis = Math.max(1000, 1000L * limit.burstCapacity() / Math.max(1, limit.replenishRate()));
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .expireAfterAccess(Duration.ofMillis(fillMillis))
                .build();
    }

    @Override
    public Mono<Decision> check(String routeId, String key) {
        return Mono.just(take(routeId + '|' + key, System.nanoTime()));
    }

    Decision take(String bucketKey, long now) {
        int n = replicas.current();
        double rate = (double) limit.replenishRate() / n;
        double capacity = (double) limit.burstCapacity() / n;
        Bucket bucket = buckets.get(bucketKey, k -> new Bucket(capacity, now));
        return bucket.take(now, rate, capacity, n, limit.burstCapacity());
    }

    /** One caller's bucket on this replica. */
    private static final class Bucket {

        private double tokens;
        private long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        synchronized Decision take(long now, double rate, double capacity, int replicas, long limit) {
            tokens = Math.min(capacity, tokens + (now - updated) / 1e9 * rate);
            updated = now;
            boolean allowed = tokens >= 1;
            if (allowed) {
                tokens -= 1;
            }
            long remaining = (long) Math.floor(tokens * replicas);
            long reset = (long) Math.ceil((capacity - tokens) / rate);
            long retryAfter = allowed ? 0 : Math.max(1, (long) Math.ceil((1 - tokens) / rate));
            return new Decision(allowed, limit, remaining, reset, retryAfter);
        }
    }
}
