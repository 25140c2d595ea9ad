package com.northwind.shop.products.cache;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Subscribes to every instance's eviction announcements, so that the near cache stays in step. Redis may be down when
 * the service starts: the service starts all the same and subscribes in the background, retrying after each failure;
 * until then the near cache is not used.
 */
final class EvictionSubscription implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EvictionSubscription.class);

    private final RedisConnectionFactory connections;
    private final RepresentationCache cache;
    private final Duration retry;
    private volatile boolean running;
    private volatile @Nullable Thread subscriber;
    private volatile @Nullable RedisMessageListenerContainer container;

    EvictionSubscription(RedisConnectionFactory connections, RepresentationCache cache, Duration retry) {
        this.connections = connections;
        this.cache = cache;
        this.retry = retry;
    }

    @Override
    public void start() {
        running = true;
        if (cache.nearEnabled()) {
            subscriber = Thread.ofVirtual().name("catalog-eviction-subscriber").start(this::subscribe);
        }
    }

    private void subscribe() {
        while (running) {
            RedisMessageListenerContainer attempt = new RedisMessageListenerContainer();
            attempt.setConnectionFactory(connections);
            attempt.addMessageListener(new EvictionListener(cache), new ChannelTopic(cache.evictionChannel()));
            attempt.afterPropertiesSet();
            try {
                attempt.start();
                container = attempt;
                if (!running) {
                    close(attempt);
                }
                return;
            } catch (RuntimeException ex) {
                log.warn("Cannot subscribe to catalog evictions yet, retrying in {}: {}", retry, ex.toString());
                close(attempt);
            }
            try {
                Thread.sleep(retry);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = subscriber;
        if (thread != null) {
            thread.interrupt();
        }
        RedisMessageListenerContainer current = container;
        if (current != null) {
            close(current);
        }
        cache.unsubscribed();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static void close(RedisMessageListenerContainer container) {
        try {
            container.stop();
            container.destroy();
        } catch (Exception ex) {
            log.debug("Closing the eviction subscription failed: {}", ex.toString());
        }
    }
}
