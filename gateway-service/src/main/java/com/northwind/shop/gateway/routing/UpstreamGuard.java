package com.northwind.shop.gateway.routing;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CLIENT_RESPONSE_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ORIGINAL_REQUEST_URL_ATTR;

import com.northwind.shop.gateway.problem.ProblemResponses;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.ConnectException;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Guards the calls of one route to its service with the service's circuit breaker, and retries a read once on
 * another instance when its connection failed. One filter instead of Spring Cloud CircuitBreaker's filter plus the
 * Retry filter, so that:
 *
 * <ul>
 *   <li>the breaker counts only what the service did: an answer of 5xx, no answer within the route's response
 *       timeout, a refused or failed connection, no instance at all. The gateway's own answers (401, 429, a client
 *       going away) are neither successes nor failures, and neither is a service's 503 with {@code Retry-After}
 *       (it sheds load it cannot take now; the client is told when to come back);
 *   <li>there is no bulkhead and no time limiter: concurrency is bounded by the upstream's own capacity and the
 *       route's response timeout is the one clock, so a crowd is never refused by the gateway as if the service had
 *       failed;
 *   <li>an open circuit, a dead service and a timeout are answered here (503 with {@code Retry-After}, or 504)
 *       without forwarding to a fallback route, which would make the gateway cache every request body;
 *   <li>only GET and HEAD are retried, only on connection failures (the request never reached a service that could
 *       act on it), once: the load balancer picks the next instance.
 * </ul>
 */
final class UpstreamGuard implements GatewayFilter {

    private static final Logger log = LoggerFactory.getLogger(UpstreamGuard.class);

    private final CircuitBreaker breaker;
    private final ProblemResponses problems;
    private final long retryAfterSeconds;

    UpstreamGuard(CircuitBreaker breaker, ProblemResponses problems, long retryAfterSeconds) {
        this.breaker = breaker;
        this.problems = problems;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (!breaker.tryAcquirePermission()) {
            return unavailable(exchange, "circuit open");
        }
        long started = System.nanoTime();
        boolean retryable = isIdempotent(exchange.getRequest().getMethod());
        return chain.filter(exchange)
                .onErrorResume(
                        failure -> retryable
                                && isConnectFailure(failure)
                                && !exchange.getResponse().isCommitted(),
                        failure -> {
                            // Forget the failed attempt's instance and routing state; the balancer picks again.
                            ServerWebExchangeUtils.reset(exchange);
                            return chain.filter(exchange);
                        })
                .then(Mono.fromRunnable(() -> recordAnswer(exchange, started)))
                .onErrorResume(failure -> answerFailure(exchange, failure, started))
                .doOnCancel(breaker::releasePermission)
                .then();
    }

    private void recordAnswer(ServerWebExchange exchange, long started) {
        HttpClientResponse upstream = exchange.getAttribute(CLIENT_RESPONSE_ATTR);
        if (upstream == null) {
            // Answered by the gateway itself (a refused token, say): says nothing about the service.
            breaker.releasePermission();
        } else if (shedsLoad(upstream)) {
            // A 503 with Retry-After: the service is alive and refusing work it cannot take now (no database
            // connection free, say). Passed on as it is; counting it would open the circuit and turn a busy service
            // into an outage for every client.
            breaker.releasePermission();
        } else if (upstream.status().code() >= 500) {
            breaker.onError(
                    elapsed(started),
                    TimeUnit.NANOSECONDS,
                    new UpstreamStatusException(upstream.status().code()));
        } else {
            breaker.onSuccess(elapsed(started), TimeUnit.NANOSECONDS);
        }
    }

    private Mono<Void> answerFailure(ServerWebExchange exchange, Throwable failure, long started) {
        if (isGatewayBusy(failure)) {
            // The gateway's own queue for a connection to the service timed out: the service was never asked, so
            // its breaker learns nothing; the client is told to come back, as for any overload (429, not 503).
            breaker.releasePermission();
            exchange.getResponse().getHeaders().set("Retry-After", "1");
            return problems.write(
                    exchange,
                    HttpStatus.TOO_MANY_REQUESTS,
                    "Too many requests are waiting for this service; retry shortly.",
                    "gateway-busy",
                    originalPath(exchange));
        }
        boolean timeout = isTimeout(failure);
        if (!timeout && !isConnectFailure(failure)) {
            // Not the service's doing (or no longer answerable): leave the breaker alone.
            breaker.releasePermission();
            return Mono.error(failure);
        }
        breaker.onError(elapsed(started), TimeUnit.NANOSECONDS, failure);
        if (timeout) {
            log.warn("{} {}: no answer in time: {}", breaker.getName(), originalPath(exchange), failure.toString());
            return problems.write(
                    exchange,
                    HttpStatus.GATEWAY_TIMEOUT,
                    "The service did not answer in time; retry later.",
                    "upstream-timeout",
                    originalPath(exchange));
        }
        return unavailable(exchange, failure.toString());
    }

    private Mono<Void> unavailable(ServerWebExchange exchange, String why) {
        log.debug("{} {}: answered 503: {}", breaker.getName(), originalPath(exchange), why);
        exchange.getResponse().getHeaders().set("Retry-After", String.valueOf(retryAfterSeconds));
        return problems.write(
                exchange,
                HttpStatus.SERVICE_UNAVAILABLE,
                "The service is temporarily unavailable; retry later.",
                "service-unavailable",
                originalPath(exchange));
    }

    private static long elapsed(long started) {
        return System.nanoTime() - started;
    }

    private static boolean isIdempotent(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD;
    }

    /** The request never reached a service that could act on it: refused, failed or dropped connection, no instance. */
    static boolean shedsLoad(HttpClientResponse upstream) {
        return upstream.status().code() == HttpStatus.SERVICE_UNAVAILABLE.value()
                && upstream.responseHeaders().contains(HttpHeaders.RETRY_AFTER);
    }

    static boolean isConnectFailure(Throwable failure) {
        for (@Nullable Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof PrematureCloseException
                    || (t instanceof ResponseStatusException status
                            && status.getStatusCode().value() == HttpStatus.SERVICE_UNAVAILABLE.value())) {
                return true;
            }
        }
        return false;
    }

    /**
     * No connection to the service became free within the pool's acquire timeout
     * ({@code spring.cloud.gateway.server.webflux.httpclient.pool.acquire-timeout}). Reactor Netty throws its shaded
     * {@code reactor.pool} exceptions, matched by name so the gateway does not depend on an internal package.
     */
    static boolean isGatewayBusy(Throwable failure) {
        for (@Nullable Throwable t = failure; t != null; t = t.getCause()) {
            String name = t.getClass().getSimpleName();
            if (name.equals("PoolAcquireTimeoutException") || name.equals("PoolAcquirePendingLimitException")) {
                return true;
            }
        }
        return false;
    }

    static boolean isTimeout(Throwable failure) {
        for (@Nullable Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException
                    || t instanceof org.springframework.cloud.gateway.support.TimeoutException
                    || (t instanceof ResponseStatusException status
                            && status.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value())) {
                return true;
            }
        }
        return false;
    }

    private static String originalPath(ServerWebExchange exchange) {
        LinkedHashSet<URI> originals = exchange.getAttribute(GATEWAY_ORIGINAL_REQUEST_URL_ATTR);
        if (originals != null && !originals.isEmpty()) {
            String path = originals.iterator().next().getRawPath();
            if (path != null) {
                return path;
            }
        }
        return exchange.getRequest().getPath().value();
    }

    /** A 5xx answer of the service, as the breaker records it. */
    static final class UpstreamStatusException extends RuntimeException {
        UpstreamStatusException(int status) {
            super("upstream answered " + status, null, false, false);
        }
    }
}
