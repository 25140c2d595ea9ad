package com.northwind.shop.gateway.edge;

import java.net.URI;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells the service who the client is, as the gateway established it: {@code X-Forwarded-For} is the one resolved
 * client address (never a chain the client wrote), plus the original scheme and host. Runs after Spring Cloud
 * Gateway has removed every client-sent {@code X-Forwarded-*}; a client-sent {@code Forwarded} goes too. Also writes
 * the request's {@code X-Request-Id}. Only the routes Spring Cloud Gateway still serves (the API documents) pass
 * here; the API routes' forwarder ({@code routing.UpstreamCall}) writes the same headers itself.
 */
@Component
class ForwardedHeadersFilter implements HttpHeadersFilter, Ordered {

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        input.forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Forwarded") && !name.regionMatches(true, 0, "X-Forwarded-", 0, 12)) {
                headers.addAll(name, values);
            }
        });
        URI uri = exchange.getRequest().getURI();
        headers.set("X-Forwarded-For", ClientAddress.of(exchange));
        headers.set("X-Forwarded-Proto", uri.getScheme());
        String host = exchange.getRequest().getHeaders().getFirst(HttpHeaders.HOST);
        if (host != null) {
            headers.set("X-Forwarded-Host", host);
        }
        String requestId = RequestIds.of(exchange);
        if (requestId != null) {
            headers.set(RequestIds.HEADER, requestId);
        }
        return headers;
    }

    @Override
    public int getOrder() {
        // After RemoveXForwardedHeadersFilter (0).
        return 100;
    }
}
