package com.northwind.shop.gateway.ratelimit;

import com.northwind.shop.gateway.problem.ProblemResponses;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Takes a token from the caller's bucket on one route: an allowed request carries {@code RateLimit-Limit},
 * {@code RateLimit-Remaining} and {@code RateLimit-Reset} (IETF draft "RateLimit header fields") in its response; a
 * refused one is answered here, 429 problem with {@code Retry-After} and the same headers.
 */
final class RateLimitFilter implements GatewayFilter {

    private final String routeId;
    private final Limiter limiter;
    private final ProblemResponses problems;
    private final boolean byClientAddress;

    /** @param byClientAddress key by client address even when the caller is authenticated */
    RateLimitFilter(String routeId, Limiter limiter, ProblemResponses problems, boolean byClientAddress) {
        this.routeId = routeId;
        this.limiter = limiter;
        this.problems = problems;
        this.byClientAddress = byClientAddress;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return limiter.check(
                        routeId,
                        byClientAddress
                                ? CallerKeyResolver.clientAddressOf(exchange)
                                : CallerKeyResolver.keyOf(exchange))
                .flatMap(decision -> {
                    HttpHeaders headers = exchange.getResponse().getHeaders();
                    if (decision.remaining() >= 0) {
                        headers.set("RateLimit-Limit", String.valueOf(decision.limit()));
                        headers.set("RateLimit-Remaining", String.valueOf(decision.remaining()));
                        headers.set("RateLimit-Reset", String.valueOf(decision.resetSeconds()));
                    }
                    if (decision.allowed()) {
                        return chain.filter(exchange);
                    }
                    headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(decision.retryAfterSeconds()));
                    return problems.write(
                            exchange,
                            HttpStatus.TOO_MANY_REQUESTS,
                            "Too many requests; retry later.",
                            "too-many-requests",
                            exchange.getRequest().getPath().value());
                });
    }
}
