package com.northwind.shop.gateway.edge;

import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request an {@code X-Request-Id}: the client's own if it is a sane token, else a fresh UUID. The id is
 * forwarded to the service and echoed in the response, errors included, so a client can quote it. The request itself
 * is not rewritten here (that would copy every header once more): whatever forwards the request writes the header
 * from {@link RequestIds}.
 */
@Component
class RequestIdFilter implements WebFilter, Ordered {

    static final String HEADER = RequestIds.HEADER;

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String given = exchange.getRequest().getHeaders().getFirst(HEADER);
        String id = given != null && SANE.matcher(given).matches()
                ? given
                : UUID.randomUUID().toString();
        exchange.getResponse().getHeaders().set(HEADER, id);
        exchange.getAttributes().put(RequestIds.ATTRIBUTE, id);
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
