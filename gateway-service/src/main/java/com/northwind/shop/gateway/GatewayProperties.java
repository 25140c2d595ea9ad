package com.northwind.shop.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the gateway, under {@code northwind.gateway}. Where downstream instances are is Spring Cloud's business
 * ({@code spring.cloud.discovery.client.simple.instances.*}); what the edge does with a request is set here.
 *
 * @param cors which browser origins may call the API
 * @param trustedProxies addresses (IPs or CIDR ranges) of proxies in front of the gateway whose
 *     {@code X-Forwarded-For} is believed; from anyone else it is ignored, so the rate-limit key cannot be spoofed
 * @param rateLimit token-bucket limits per caller
 * @param timeouts response timeouts per downstream service id; {@code default} applies to the others (the connect
 *     timeout is the HTTP client's, {@code spring.cloud.gateway.server.webflux.httpclient.connect-timeout})
 * @param circuitBreaker when a downstream service is cut off and answered with 503 by the gateway itself
 */
@ConfigurationProperties("northwind.gateway")
@Validated
public record GatewayProperties(
        @DefaultValue Cors cors,
        @DefaultValue List<String> trustedProxies,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue Map<String, Timeouts> timeouts,
        @DefaultValue CircuitBreaker circuitBreaker) {

    /** The timeouts for a service id, falling back to {@code default}, then to a 10 s response timeout. */
    public Timeouts timeoutsFor(String serviceId) {
        Timeouts own = timeouts.get(serviceId);
        if (own != null) {
            return own;
        }
        Timeouts fallback = timeouts.get("default");
        return fallback != null ? fallback : new Timeouts(Duration.ofSeconds(10));
    }

    /**
     * CORS for browser frontends.
     *
     * @param allowedOrigins exact origins (scheme, host, port) that may call the API from a browser
     * @param maxAge how long a browser may cache a preflight answer
     */
    public record Cors(
            @DefaultValue List<String> allowedOrigins,
            @DefaultValue("30m") Duration maxAge) {}

    /**
     * Token-bucket limits per caller: the token subject when authenticated, else the client address. Limits are
     * cluster-wide: {@code api} is held in each replica's memory and split between the live replicas, {@code auth}
     * is one exact bucket in Redis.
     *
     * @param api limits on every routed path but {@code /api/auth/**}, per route
     * @param auth stricter limits on {@code /api/auth/**} (login, register, refresh), the brute-force target
     * @param syncInterval how often each replica tells Redis it is alive and counts the others
     * @param maxKeys most callers whose local buckets are held in memory (least recently used go first)
     */
    public record RateLimit(
            @DefaultValue({"50", "100"}) Limit api,
            @DefaultValue({"2", "10"}) Limit auth,
            @DefaultValue("1s") Duration syncInterval,
            @DefaultValue("100000") int maxKeys) {}

    /**
     * One token bucket.
     *
     * @param replenishRate tokens added per second (the sustained request rate)
     * @param burstCapacity tokens the bucket holds (the largest burst)
     */
    public record Limit(int replenishRate, int burstCapacity) {}

    /**
     * Timeouts of calls to one downstream service.
     *
     * @param response how long to wait for the response headers once the request is sent; past it the gateway
     *     answers 504 and the call counts as a failure of the service
     */
    public record Timeouts(Duration response) {}

    /**
     * Circuit breaker (Resilience4j) per downstream service. It counts only the service's failures: 5xx answers,
     * response timeouts, refused or failed connections; never the gateway's own refusals.
     *
     * @param failureRateThreshold percentage of failed calls in the window that opens the circuit
     * @param slidingWindowSize calls in the window the failure rate is computed over
     * @param minimumNumberOfCalls calls needed before the failure rate is considered
     * @param waitDurationInOpenState how long an open circuit rejects calls before letting a few probes through
     */
    public record CircuitBreaker(
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("20") int slidingWindowSize,
            @DefaultValue("10") int minimumNumberOfCalls,
            @DefaultValue("10s") Duration waitDurationInOpenState) {}
}
