package com.northwind.shop.gateway.ratelimit;

import com.northwind.shop.gateway.GatewayProperties;
import io.micrometer.core.instrument.Counter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

/**
 * Spring Cloud Gateway's Redis token bucket (same Lua script, same {@code X-RateLimit-*} headers) with three
 * changes: its keys live under the configured key prefix ({@code northwind.redis.key-prefix}), so that environments
 * and test runs sharing one Redis never share buckets; a refusal carries {@code Retry-After}; and when Redis cannot
 * answer the request is let through (fail open) and counted, instead of the error only being logged.
 */
public class FailOpenRedisRateLimiter extends RedisRateLimiter {

    private static final Logger log = LoggerFactory.getLogger(FailOpenRedisRateLimiter.class);

    private final ReactiveStringRedisTemplate redis;
    private final RedisScript<List<Long>> script;
    private final Config limit;
    private final String keyPrefix;
    private final Counter failOpen;

    public FailOpenRedisRateLimiter(
            ReactiveStringRedisTemplate redis,
            RedisScript<List<Long>> script,
            GatewayProperties.Limit limit,
            String keyPrefix,
            Counter failOpen) {
        super(limit.replenishRate(), limit.burstCapacity());
        this.redis = redis;
        this.script = script;
        this.limit = new Config().setReplenishRate(limit.replenishRate()).setBurstCapacity(limit.burstCapacity());
        this.keyPrefix = keyPrefix;
        this.failOpen = failOpen;
    }

    @Override
    public Mono<Response> isAllowed(String routeId, String id) {
        // Hash tag around route and caller: both keys of a bucket land on one Redis Cluster slot.
        String bucket = keyPrefix + "rate-limit:{" + routeId + "." + id + "}.";
        List<String> keys = List.of(bucket + "tokens", bucket + "timestamp");
        List<String> args = List.of(
                String.valueOf(limit.getReplenishRate()),
                String.valueOf(limit.getBurstCapacity()),
                "",
                String.valueOf(limit.getRequestedTokens()));
        return redis.execute(script, keys, args)
                .reduce(new ArrayList<Long>(), (all, part) -> {
                    all.addAll(part);
                    return all;
                })
                .map(this::toResponse)
                .onErrorResume(failure -> {
                    failOpen.increment();
                    log.warn("Rate limiter cannot reach Redis; letting the request through: {}", failure.toString());
                    return Mono.just(new Response(true, getHeaders(limit, -1L)));
                });
    }

    private Response toResponse(List<Long> results) {
        boolean allowed = results.get(0) == 1L;
        long tokensLeft = results.get(1);
        Map<String, String> headers = getHeaders(limit, tokensLeft);
        if (!allowed) {
            long missing = Math.max(1, limit.getRequestedTokens() - tokensLeft);
            long seconds = Math.max(1, (missing + limit.getReplenishRate() - 1) / limit.getReplenishRate());
            headers.put("Retry-After", String.valueOf(seconds));
        }
        return new Response(allowed, headers);
    }
}
