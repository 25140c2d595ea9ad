package com.northwind.shop.gateway.ratelimit;

import com.northwind.shop.gateway.GatewayProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The two token buckets routes use: {@link #api()} on every route, the stricter {@link #auth()} on
 * {@code /api/auth/**}. Redis keys honour {@code northwind.redis.key-prefix}; fail-open events are counted in
 * {@code gateway.ratelimit.failopen}.
 */
@Component
public class RateLimiters {

    /** Name of the counter of requests let through because Redis could not answer. */
    public static final String FAIL_OPEN_METRIC = "gateway.ratelimit.failopen";

    private final FailOpenRedisRateLimiter api;
    private final FailOpenRedisRateLimiter auth;
    private final KeyResolver keyResolver;

    RateLimiters(
            ReactiveStringRedisTemplate redis,
            @Qualifier(RedisRateLimiter.REDIS_SCRIPT_NAME) RedisScript<List<Long>> script,
            GatewayProperties properties,
            RedisKeyProperties redisKeys,
            MeterRegistry meters,
            CallerKeyResolver keyResolver) {
        Counter failOpen = Counter.builder(FAIL_OPEN_METRIC)
                .description("Requests let through without a rate-limit decision because Redis could not answer")
                .register(meters);
        this.api = new FailOpenRedisRateLimiter(
                redis, script, properties.rateLimit().api(), redisKeys.keyPrefix(), failOpen);
        this.auth = new FailOpenRedisRateLimiter(
                redis, script, properties.rateLimit().auth(), redisKeys.keyPrefix(), failOpen);
        this.keyResolver = keyResolver;
    }

    /** The bucket of every API route. */
    public RedisRateLimiter api() {
        return api;
    }

    /** The stricter bucket of {@code /api/auth/**}. */
    public RedisRateLimiter auth() {
        return auth;
    }

    /** Per user when authenticated, per client address otherwise. */
    public KeyResolver keyResolver() {
        return keyResolver;
    }
}
