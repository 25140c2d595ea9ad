package com.northwind.shop.gateway.auth;

import com.northwind.shop.gateway.problem.ProblemResponses;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Refuses a protected route to a caller without a valid access token: 401 problem with {@code WWW-Authenticate:
 * Bearer} (RFC 6750). It runs after the rate limiter, so floods of missing or forged tokens are limited per client
 * address too. Public routes ({@link PublicRoutes}) pass; the {@code Authorization} header is forwarded untouched,
 * since every service verifies the token again.
 */
@Component
public class AccessFilter implements GlobalFilter, Ordered {

    private final ProblemResponses problems;

    AccessFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        AuthenticationFilter.Verdict verdict =
                exchange.getAttributeOrDefault(AuthenticationFilter.VERDICT, AuthenticationFilter.Verdict.NO_TOKEN);
        boolean publicRoute = exchange.getAttributeOrDefault(AuthenticationFilter.PUBLIC_ROUTE, false);
        if (verdict == AuthenticationFilter.Verdict.VALID_TOKEN || publicRoute) {
            return chain.filter(exchange);
        }
        exchange.getResponse()
                .getHeaders()
                .set(
                        HttpHeaders.WWW_AUTHENTICATE,
                        verdict == AuthenticationFilter.Verdict.INVALID_TOKEN
                                ? "Bearer error=\"invalid_token\""
                                : "Bearer");
        return problems.write(exchange, HttpStatus.UNAUTHORIZED);
    }

    @Override
    public int getOrder() {
        // After the routes' own filters (order 0: rate limiter, circuit breaker, retry), before load balancing.
        return 1;
    }
}
