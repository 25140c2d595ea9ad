package com.northwind.shop.platform.security;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Gets and caches this service's tokens for {@code /internal/**} calls to other services, by client credentials
 * against user-service's {@code POST /api/auth/token} ({@code {"clientId", "clientSecret", "audience"}} in,
 * {@code {"accessToken", "tokenType", "expiresIn"}} out). A token is issued for one callee (its {@code aud}), so one is
 * kept per callee and reused until {@code refreshBefore} ahead of its expiry; concurrent callers share one request.
 *
 * <pre>{@code
 * restClient.get().uri("/internal/...").header("Authorization", "Bearer " + serviceTokens.token("product-service"))
 * }</pre>
 */
public final class ServiceTokenClient {

    private static final Gson GSON = new Gson();

    private final ServiceTokenProperties properties;
    private final HttpClient client;
    private final Clock clock;

    private final Map<String, Cached> tokens = new HashMap<>();

    public ServiceTokenClient(ServiceTokenProperties properties) {
        this(properties, Clock.systemUTC());
    }

    ServiceTokenClient(ServiceTokenProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A valid service token for calls to the given service, from the cache or freshly issued. */
    public synchronized String token(String audience) {
        Instant now = clock.instant();
        Cached current = tokens.get(audience);
        if (current != null && now.isBefore(current.renewAt())) {
            return current.token();
        }
        Issued issued = request(audience);
        Duration lifetime = Duration.ofSeconds(issued.expiresIn());
        Duration margin = properties.refreshBefore().compareTo(lifetime.dividedBy(2)) < 0
                ? properties.refreshBefore()
                : lifetime.dividedBy(2);
        tokens.put(audience, new Cached(issued.accessToken(), now.plus(lifetime).minus(margin)));
        return issued.accessToken();
    }

    /**
     * Forgets the cached token for a service after it refused that token (a 401), unless it has been renewed since:
     * when many calls are refused at once, the first renews the token and the others use the renewed one, instead of
     * each renewing it again in turn.
     */
    public synchronized void invalidate(String audience, String refused) {
        Cached current = tokens.get(audience);
        if (current != null && current.token().equals(refused)) {
            tokens.remove(audience);
        }
    }

    private Issued request(String audience) {
        String body = GSON.toJson(Map.of(
                "clientId", Objects.requireNonNull(properties.clientId(), "client-id"),
                "clientSecret", Objects.requireNonNull(properties.clientSecret(), "client-secret"),
                "audience", audience));
        HttpRequest request = HttpRequest.newBuilder(properties.tokenUri())
                .timeout(properties.readTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new ServiceTokenException("Token endpoint answered " + response.statusCode());
            }
            JsonObject json = GSON.fromJson(response.body(), JsonObject.class);
            String accessToken = json.get("accessToken").getAsString();
            long expiresIn = json.get("expiresIn").getAsLong();
            if (accessToken.isBlank() || expiresIn <= 0) {
                throw new ServiceTokenException("Token endpoint answered an unusable token");
            }
            return new Issued(accessToken, expiresIn);
        } catch (IOException | JsonParseException | NullPointerException | IllegalStateException ex) {
            throw new ServiceTokenException("Cannot get a service token from " + properties.tokenUri(), ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new ServiceTokenException("Interrupted while getting a service token", ex);
        }
    }

    private record Issued(String accessToken, long expiresIn) {}

    private record Cached(String token, Instant renewAt) {}

    /** No service token could be obtained; calls that need one cannot be made. */
    public static class ServiceTokenException extends RuntimeException {

        public ServiceTokenException(String message) {
            super(message);
        }

        public ServiceTokenException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
