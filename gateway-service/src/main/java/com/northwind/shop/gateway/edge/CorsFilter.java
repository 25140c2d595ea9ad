package com.northwind.shop.gateway.edge;

import com.northwind.shop.gateway.GatewayProperties;
import com.northwind.shop.gateway.problem.ProblemResponses;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * CORS for the configured frontend origins, answered at the edge for every path so that even the gateway's own
 * errors (401, 404, 429) are readable by the frontend. Preflights are answered here and never reach a service; a
 * request from another origin is refused with a 403 problem. Bearer tokens, not cookies: no credentials.
 */
@Component
class CorsFilter implements WebFilter, Ordered {

    private final CorsConfiguration configuration;
    private final CorsProcessor processor = new DefaultCorsProcessor();
    private final ProblemResponses problems;

    CorsFilter(GatewayProperties properties, ProblemResponses problems) {
        this.problems = problems;
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.cors().allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of(
                "Authorization",
                "Content-Type",
                "Accept",
                "Idempotency-Key",
                "If-Match",
                "If-None-Match",
                "X-Request-Id",
                "traceparent",
                "tracestate"));
        cors.setExposedHeaders(List.of(
                "Location",
                "ETag",
                "Retry-After",
                "WWW-Authenticate",
                "X-Request-Id",
                "RateLimit-Limit",
                "RateLimit-Remaining",
                "RateLimit-Reset"));
        cors.setAllowCredentials(false);
        cors.setMaxAge(properties.cors().maxAge());
        this.configuration = cors;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        @Nullable CorsConfiguration applicable = CorsUtils.isCorsRequest(exchange.getRequest()) ? configuration : null;
        if (applicable == null) {
            return chain.filter(exchange);
        }
        if (!processor.process(applicable, exchange)) {
            return problems.write(exchange, HttpStatus.FORBIDDEN);
        }
        return CorsUtils.isPreFlightRequest(exchange.getRequest()) ? Mono.empty() : chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 4;
    }
}
