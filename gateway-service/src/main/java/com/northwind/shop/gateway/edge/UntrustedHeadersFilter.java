package com.northwind.shop.gateway.edge;

import com.northwind.shop.gateway.GatewayProperties;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Drops every identity header a client sends ({@code X-User-*}, {@code X-Roles}, {@code X-Internal-*},
 * {@code X-Forwarded-User}) before anything else reads the request, so neither a service nor the gateway itself can
 * be told who the caller is by the caller. Also resolves the client address (see {@link ClientAddress}) once.
 */
@Component
class UntrustedHeadersFilter implements WebFilter, Ordered {

    private static final List<String> PREFIXES = List.of("x-user-", "x-internal-");
    private static final List<String> NAMES = List.of("x-user", "x-roles", "x-forwarded-user", "x-internal");

    private final ClientAddress clientAddress;

    UntrustedHeadersFilter(GatewayProperties properties, Clock clock) {
        this.clientAddress = new ClientAddress(properties.trustedProxies(), clock);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getAttributes().put(ClientAddress.ATTRIBUTE, clientAddress.resolve(exchange.getRequest()));
        @Nullable List<String> spoofed = null;
        for (String name : exchange.getRequest().getHeaders().headerNames()) {
            if (isIdentityHeader(name)) {
                if (spoofed == null) {
                    spoofed = new ArrayList<>();
                }
                spoofed.add(name);
            }
        }
        if (spoofed == null) {
            return chain.filter(exchange);
        }
        List<String> drop = spoofed;
        return chain.filter(exchange.mutate()
                .request(request -> request.headers(headers -> drop.forEach(headers::remove)))
                .build());
    }

    static boolean isIdentityHeader(String name) {
        // Every identity header starts with X-: most headers are passed over without lower-casing them.
        if (name.isEmpty() || (name.charAt(0) != 'x' && name.charAt(0) != 'X')) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return NAMES.contains(lower) || PREFIXES.stream().anyMatch(lower::startsWith);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
