package com.northwind.shop.gateway.edge;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
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
        String id = given != null && SANE.matcher(given).matches() ? given : freshId();
        exchange.getResponse().getHeaders().set(HEADER, id);
        exchange.getAttributes().put(RequestIds.ATTRIBUTE, id);
        return chain.filter(exchange);
    }

    /**
     * A random (version 4) UUID from the thread's {@link ThreadLocalRandom}: an id only needs to be unique, not
     * unpredictable, and {@code UUID.randomUUID()} draws from the shared {@code SecureRandom} on every request.
     */
    static String freshId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
