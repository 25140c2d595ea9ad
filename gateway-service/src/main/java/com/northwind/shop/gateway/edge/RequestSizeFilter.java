package com.northwind.shop.gateway.edge;

import com.northwind.shop.gateway.problem.ProblemResponses;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a request line over {@value #MAX_REQUEST_TARGET} characters (414) or headers over {@value #MAX_HEADERS}
 * characters in all (431) with problem+json. Reactor Netty answers its own decoder limits with an empty body, so
 * those limits are set higher ({@code server.netty.max-initial-line-length},
 * {@code server.max-http-request-header-size}: 64 KB) and the limits clients meet are enforced here; only a request
 * past Netty's 64 KB still gets Netty's empty answer.
 */
@Component
class RequestSizeFilter implements WebFilter, Ordered {

    /** The request target (path and query) a client may send: what the services' Tomcats accept comfortably. */
    static final int MAX_REQUEST_TARGET = 8 * 1024;

    /** Header names and values together, the services' own limit ({@code max-http-request-header-size: 16KB}). */
    static final int MAX_HEADERS = 16 * 1024;

    private final ProblemResponses problems;

    RequestSizeFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String target = request.getURI().getRawPath();
        String query = request.getURI().getRawQuery();
        if (target.length() + (query == null ? 0 : query.length() + 1) > MAX_REQUEST_TARGET) {
            return problems.write(exchange, HttpStatus.URI_TOO_LONG);
        }
        long headers = 0;
        for (Map.Entry<String, List<String>> header : request.getHeaders().headerSet()) {
            for (String value : header.getValue()) {
                headers += header.getKey().length() + value.length() + 4;
            }
        }
        if (headers > MAX_HEADERS) {
            return problems.write(exchange, HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE);
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
