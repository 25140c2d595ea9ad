package com.northwind.shop.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.northwind.shop.gateway.auth.Caller;
import com.northwind.shop.gateway.edge.ClientAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Which bucket a request takes its token from. */
class RateLimitKeyTests {

    private final List<String> keys = new ArrayList<>();
    private final Limiter recording = (routeId, key) -> {
        keys.add(routeId + " " + key);
        return Mono.just(new Decision(true, 10, 9, 1, 0));
    };

    @Test
    void limitsAnAuthenticatedCallerPerUserAndAnAnonymousOnePerAddress() {
        RateLimitFilter api = new RateLimitFilter("orders", recording, null, false);

        api.filter(exchange("198.51.100.7", "3f1c"), e -> Mono.empty()).block();
        api.filter(exchange("198.51.100.7", null), e -> Mono.empty()).block();

        assertThat(keys).containsExactly("orders user:3f1c", "orders ip:198.51.100.7");
    }

    @Test
    void limitsTheAuthRoutesPerClientAddressEvenWithAToken() {
        RateLimitFilter auth = new RateLimitFilter("auth", recording, null, true);

        auth.filter(exchange("198.51.100.8", "3f1c"), e -> Mono.empty()).block();

        // A token (anyone can get one) must not buy a fresh bucket of password guesses.
        assertThat(keys).containsExactly("auth ip:198.51.100.8");
    }

    private static ServerWebExchange exchange(String address, String subject) {
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("/api/orders").build());
        exchange.getAttributes().put(ClientAddress.ATTRIBUTE, address);
        if (subject != null) {
            exchange.getAttributes().put(Caller.ATTRIBUTE, new Caller(subject, Set.of("CUSTOMER")));
        }
        return exchange;
    }
}
