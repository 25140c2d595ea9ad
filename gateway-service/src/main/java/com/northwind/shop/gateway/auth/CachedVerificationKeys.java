package com.northwind.shop.gateway.auth;

import com.northwind.shop.platform.security.VerificationKeys;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * The JWKS keys as the gateway uses them: a key already known is answered from memory on any thread, so a token is
 * verified on the event loop; an unknown {@code kid} on an event-loop thread is refused with {@link KeyNotCached},
 * and the caller goes to a blocking thread, where the platform's JWKS client may fetch. Known keys are re-read in
 * the background every {@code refresh}, off the request path, so a rotated or withdrawn key is noticed without a
 * request ever waiting for user-service.
 */
final class CachedVerificationKeys implements VerificationKeys, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CachedVerificationKeys.class);

    private final VerificationKeys jwks;
    private final Duration refresh;
    private final Map<String, PublicKey> known = new ConcurrentHashMap<>();
    private volatile @Nullable Disposable refreshing;

    CachedVerificationKeys(VerificationKeys jwks, Duration refresh) {
        this.jwks = jwks;
        this.refresh = refresh;
    }

    @Override
    public @Nullable PublicKey find(String kid) {
        PublicKey key = known.get(kid);
        if (key != null) {
            return key;
        }
        if (Schedulers.isInNonBlockingThread()) {
            throw new KeyNotCached(kid);
        }
        PublicKey fetched = jwks.find(kid);
        if (fetched != null) {
            known.put(kid, fetched);
        }
        return fetched;
    }

    /** Re-reads every known key from the JWKS client (which fetches once its own cache is stale). */
    void refreshKnown() {
        for (String kid : known.keySet()) {
            PublicKey current = jwks.find(kid);
            if (current == null) {
                known.remove(kid);
            } else {
                known.put(kid, current);
            }
        }
    }

    @Override
    public void start() {
        refreshing = Flux.interval(refresh, refresh, Schedulers.boundedElastic())
                .onBackpressureDrop()
                .subscribe(tick -> {
                    try {
                        refreshKnown();
                    } catch (RuntimeException ex) {
                        log.warn("Background JWKS refresh failed; known keys stay in use: {}", ex.toString());
                    }
                });
    }

    @Override
    public void stop() {
        Disposable running = refreshing;
        if (running != null) {
            running.dispose();
            refreshing = null;
        }
    }

    @Override
    public boolean isRunning() {
        return refreshing != null;
    }

    /** The key of a token is not in memory yet; verify again where blocking is allowed. */
    static final class KeyNotCached extends RuntimeException {
        KeyNotCached(String kid) {
            super("Key " + kid + " not cached yet", null, false, false);
        }
    }
}
