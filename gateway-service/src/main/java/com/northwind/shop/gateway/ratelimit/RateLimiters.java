package com.northwind.shop.gateway.ratelimit;

import com.northwind.shop.gateway.GatewayProperties;
import com.northwind.shop.gateway.problem.ProblemResponses;
import com.northwind.shop.platform.RedisKeyProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.scripting.support.ResourceScriptSource;
import org.springframework.stereotype.Component;

/**
 * The rate limits routes use: {@link #api(String)}, local token buckets split between the gateway replicas (no Redis
 * round trip per request, see {@link LocalBuckets}), and the stricter {@link #auth(String)}, an exact bucket in Redis
 * ({@link ExactRedisBucket}) for {@code /api/auth/**}. Redis keys honour {@code northwind.redis.key-prefix};
 * requests let through because Redis could not answer are counted in {@code gateway.ratelimit.failopen}.
 */
@Component
public class RateLimiters implements SmartLifecycle {

    /** Name of the counter of requests let through because Redis could not answer. */
    public static final String FAIL_OPEN_METRIC = "gateway.ratelimit.failopen";

    private final ReplicaCount replicas;
    private final LocalBuckets api;
    private final ExactRedisBucket auth;
    private final ProblemResponses problems;

    RateLimiters(
            ReactiveStringRedisTemplate redis,
            GatewayProperties properties,
            RedisKeyProperties redisKeys,
            MeterRegistry meters,
            ProblemResponses problems) {
        GatewayProperties.RateLimit limits = properties.rateLimit();
        Counter failOpen = Counter.builder(FAIL_OPEN_METRIC)
                .description("Requests let through without a rate-limit decision because Redis could not answer")
                .register(meters);
        this.replicas = new ReplicaCount(redis, redisKeys.keyPrefix(), limits.syncInterval(), meters);
        this.api = new LocalBuckets(limits.api(), replicas, limits.maxKeys());
        this.auth = new ExactRedisBucket(
                redis,
                new RateLimitScript(new ResourceScriptSource(new ClassPathResource(RateLimitScript.LOCATION))),
                limits.auth(),
                redisKeys.keyPrefix(),
                failOpen);
        this.problems = problems;
    }

    /** The limit of an API route: local buckets per caller. */
    public GatewayFilter api(String routeId) {
        return new RateLimitFilter(routeId, api, problems, false);
    }

    /** The stricter, exact limit of {@code /api/auth/**}, always per client address. */
    public GatewayFilter auth(String routeId) {
        return new RateLimitFilter(routeId, auth, problems, true);
    }

    /** Gateway replicas the API limits are currently split between. */
    public int replicas() {
        return replicas.current();
    }

    @Override
    public void start() {
        replicas.start();
    }

    @Override
    public void stop() {
        replicas.stop();
    }

    @Override
    public boolean isRunning() {
        return replicas.isRunning();
    }
}
