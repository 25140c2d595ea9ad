package com.northwind.shop.gateway.ratelimit;

import com.northwind.shop.gateway.auth.Caller;
import com.northwind.shop.gateway.edge.ClientAddress;
import org.springframework.web.server.ServerWebExchange;

/**
 * The rate-limit bucket of a request: the token subject when the caller is authenticated, else the client address
 * (which a client cannot spoof, see {@link ClientAddress}). The brute-force target ({@code /api/auth/**}) is always
 * keyed by client address: a token (anyone can get one) must not buy an attacker a fresh bucket of password guesses.
 */
final class CallerKeyResolver {

    private CallerKeyResolver() {}

    static String clientAddressOf(ServerWebExchange exchange) {
        return "ip:" + ClientAddress.of(exchange);
    }

    static String keyOf(ServerWebExchange exchange) {
        Caller caller = exchange.getAttribute(Caller.ATTRIBUTE);
        return caller != null ? "user:" + caller.subject() : "ip:" + ClientAddress.of(exchange);
    }
}
