package com.northwind.shop.gateway.ratelimit;

import com.northwind.shop.gateway.GatewayProperties;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;

/**
 * An exact, cluster-wide token bucket per caller in Redis (Spring Cloud Gateway's Lua script): one Redis round trip
 * per request, so it guards only {@code /api/auth/**}, where volume is low and every guess at a password counts.
 * Keys live under the configured prefix ({@code northwind.redis.key-prefix}). When Redis cannot answer, the request
 * is let through (fail open) and counted.
 */
final class ExactRedisBucket implements Limiter {

    private static final Logger log = LoggerFactory.getLogger(ExactRedisBucket.class);

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private final ReactiveStringRedisTemplate redis;
    private final RateLimitScript script;
    private final GatewayProperties.Limit limit;
    private final String keyPrefix;
    private final Counter failOpen;
    private final List<String> args;

    ExactRedisBucket(
            ReactiveStringRedisTemplate redis,
            RateLimitScript script,
            GatewayProperties.Limit limit,
            String keyPrefix,
            Counter failOpen) {
        this.redis = redis;
        this.script = script;
        this.limit = limit;
        this.keyPrefix = keyPrefix;
        this.failOpen = failOpen;
        this.args = List.of(String.valueOf(limit.replenishRate()), String.valueOf(limit.burstCapacity()), "", "1");
    }

    @Override
    public Mono<Decision> check(String routeId, String key) {
        // Hash tag around route and caller: both keys of a bucket land on one Redis Cluster slot.
        String bucket = keyPrefix + "rate-limit:{" + routeId + "." + key + "}.";
        return redis.execute(script, List.of(bucket + "tokens", bucket + "timestamp"), args)
                .reduce(new ArrayList<Long>(), (all, part) -> {
                    all.addAll(part);
                    return all;
                })
                .map(this::toDecision)
                // A slow Redis must not hold a login up: past this, the request passes (fail open).
                .timeout(TIMEOUT)
                .onErrorResume(failure -> {
                    failOpen.increment();
                    log.warn("Rate limiter cannot reach Redis; letting the request through: {}", failure.toString());
                    return Mono.just(Decision.unknown(limit.burstCapacity()));
                });
    }

    private Decision toDecision(List<Long> results) {
        boolean allowed = results.get(0) == 1L;
        long tokensLeft = results.get(1);
        int rate = limit.replenishRate();
        long reset = (limit.burstCapacity() - tokensLeft + rate - 1) / rate;
        long retryAfter = allowed ? 0 : Math.max(1, (1 - tokensLeft + rate - 1) / rate);
        return new Decision(allowed, limit.burstCapacity(), tokensLeft, Math.max(0, reset), retryAfter);
    }
}
