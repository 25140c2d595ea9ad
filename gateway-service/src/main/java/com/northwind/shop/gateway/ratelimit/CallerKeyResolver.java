package com.northwind.shop.gateway.ratelimit;

import com.northwind.shop.gateway.auth.Caller;
import com.northwind.shop.gateway.edge.ClientAddress;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The rate-limit bucket of a request: the token subject when the caller is authenticated, else the client address
 * (which a client cannot spoof, see {@link ClientAddress}).
 */
@Component
class CallerKeyResolver implements KeyResolver {

    @Override
    public Mono<String> resolve(ServerWebExchange exchange) {
        return Mono.just(Caller.of(exchange)
                .map(caller -> "user:" + caller.subject())
                .orElseGet(() -> "ip:" + ClientAddress.of(exchange)));
    }
}
