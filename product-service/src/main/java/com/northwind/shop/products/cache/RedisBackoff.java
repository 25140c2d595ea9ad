package com.northwind.shop.products.cache;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the cache away from a failing Redis: after an error or a timeout, Redis is skipped for a back-off period, so
 * that a dead Redis costs one timeout, not one per request.
 */
final class RedisBackoff {

    private static final Logger log = LoggerFactory.getLogger(RedisBackoff.class);

    private final Clock clock;
    private final Duration backoff;
    private volatile long skipUntil;

    RedisBackoff(Clock clock, Duration backoff) {
        this.clock = clock;
        this.backoff = backoff;
    }

    /** Whether Redis is being skipped after a recent failure. */
    boolean skipping() {
        return clock.millis() < skipUntil;
    }

    /** An operation on Redis failed: skip it for the back-off period. */
    void failed(RuntimeException ex, String operation) {
        skipUntil = clock.millis() + backoff.toMillis();
        log.warn(
                "Redis cache {} failed; serving from PostgreSQL for the next {}: {}",
                operation,
                backoff,
                ex.toString());
    }
}
