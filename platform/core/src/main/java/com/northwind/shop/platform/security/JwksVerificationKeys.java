package com.northwind.shop.platform.security;

import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.JwkSet;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.PublicJwk;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Key;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Public keys read from a JWKS over HTTP. Keys are cached for {@code jwksCacheTtl}; an unknown {@code kid} triggers a
 * refetch (so that a freshly rotated key is picked up at once), but at most once per {@code jwksRefetchInterval} so
 * that tokens with made-up {@code kid}s cannot turn a service into a load generator against user-service. A lookup
 * that finds a fetch in progress waits for it. Only RSA
 * public keys with a {@code kid} are kept; private material in a JWKS is ignored.
 */
public final class JwksVerificationKeys implements VerificationKeys {

    private static final Logger log = LoggerFactory.getLogger(JwksVerificationKeys.class);

    private static final long MAX_JWKS_BYTES = 64 * 1024;

    private final URI jwksUri;
    private final Duration cacheTtl;
    private final Duration refetchInterval;
    private final Duration readTimeout;
    private final HttpClient client;
    private final Clock clock;
    private final ReentrantLock fetchLock = new ReentrantLock();

    private volatile Map<String, PublicKey> keys = Map.of();
    private volatile @Nullable Instant fetchedAt;
    private volatile @Nullable Instant lastAttempt;

    public JwksVerificationKeys(JwtProperties properties) {
        this(properties, Clock.systemUTC());
    }

    JwksVerificationKeys(JwtProperties properties, Clock clock) {
        this.jwksUri = properties.jwksUri();
        this.cacheTtl = properties.jwksCacheTtl();
        this.refetchInterval = properties.jwksRefetchInterval();
        this.readTimeout = properties.readTimeout();
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public @Nullable PublicKey find(String kid) {
        Instant now = clock.instant();
        Instant fetched = fetchedAt;
        boolean stale = fetched == null || now.isAfter(fetched.plus(cacheTtl));
        PublicKey key = keys.get(kid);
        if (key != null && !stale) {
            return key;
        }
        // A fetch in progress is waited for even within the refetch interval: it may bring this kid. Without the
        // wait, every verification that arrived during a service's first fetch was refused (401) under load.
        if (mayFetch(now) || fetchLock.isLocked()) {
            refresh(now);
        }
        // A stale cache still serves known keys when user-service cannot be reached.
        return keys.get(kid);
    }

    private boolean mayFetch(Instant now) {
        Instant attempted = lastAttempt;
        return attempted == null || !now.isBefore(attempted.plus(refetchInterval));
    }

    private void refresh(Instant now) {
        if (!fetchLock.tryLock()) {
            // Another thread is fetching; wait for it rather than fetching twice.
            fetchLock.lock();
            fetchLock.unlock();
            return;
        }
        try {
            if (!mayFetch(now)) {
                return;
            }
            lastAttempt = now;
            keys = fetch();
            fetchedAt = now;
        } catch (IOException | RuntimeException ex) {
            log.warn("Cannot fetch the JWKS from {}: {}", jwksUri, ex.toString());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        } finally {
            fetchLock.unlock();
        }
    }

    private Map<String, PublicKey> fetch() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(jwksUri)
                .timeout(readTimeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("JWKS answered " + response.statusCode());
        }
        if (response.body().length() > MAX_JWKS_BYTES) {
            throw new IOException("JWKS is larger than " + MAX_JWKS_BYTES + " bytes");
        }
        return parse(response.body());
    }

    /** The RSA public keys of a JWKS document, by {@code kid}. */
    static Map<String, PublicKey> parse(String json) {
        JwkSet set = Jwks.setParser().ignoreUnsupported(true).build().parse(json);
        Map<String, PublicKey> parsed = new HashMap<>();
        for (Jwk<?> jwk : set) {
            String kid = jwk.getId();
            Key key = jwk.toKey();
            if (kid != null && jwk instanceof PublicJwk<?> && key instanceof RSAPublicKey rsa) {
                parsed.put(kid, rsa);
            }
        }
        return Map.copyOf(parsed);
    }
}
