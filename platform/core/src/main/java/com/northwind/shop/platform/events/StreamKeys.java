package com.northwind.shop.platform.events;

/**
 * The Redis keys of the event streams: each stream's name under the one Redis key prefix every service key shares
 * ({@code northwind.redis.key-prefix}), so several deployments or test runs can share one Redis.
 *
 * @param prefix the Redis key prefix
 */
public record StreamKeys(String prefix) {

    /** The Redis key of a stream, e.g. {@code orders.events}. */
    public String streamKey(String stream) {
        return prefix + stream;
    }

    /** The Redis key of a stream's dead-letter stream. */
    public String deadLetterKey(String stream) {
        return prefix + stream + ".dead-letter";
    }
}
