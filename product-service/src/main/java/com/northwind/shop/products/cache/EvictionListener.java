package com.northwind.shop.products.cache;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.SubscriptionListener;

/**
 * Hears every instance's evictions (a comma-separated list of product ids) and drops those products from this
 * instance's near cache. The near cache is only used while the subscription stands, and dropped whole whenever it
 * is made or remade (announcements may have been missed meanwhile).
 */
final class EvictionListener implements MessageListener, SubscriptionListener {

    private static final Logger log = LoggerFactory.getLogger(EvictionListener.class);

    private final RepresentationCache cache;

    EvictionListener(RepresentationCache cache) {
        this.cache = cache;
    }

    @Override
    public void onMessage(Message message, byte @Nullable [] pattern) {
        String body = new String(message.getBody(), StandardCharsets.US_ASCII);
        List<UUID> ids = new ArrayList<>();
        try {
            for (String id : body.split(",")) {
                if (!id.isBlank()) {
                    ids.add(UUID.fromString(id.strip()));
                }
            }
        } catch (IllegalArgumentException ex) {
            log.warn("Unreadable eviction announcement; dropping every in-memory product: {}", ex.toString());
            cache.forgetNearEntries();
            return;
        }
        cache.evictedElsewhere(ids);
    }

    @Override
    public void onChannelSubscribed(byte[] channel, long count) {
        cache.subscribed();
    }

    @Override
    public void onChannelUnsubscribed(byte[] channel, long count) {
        cache.unsubscribed();
    }
}
