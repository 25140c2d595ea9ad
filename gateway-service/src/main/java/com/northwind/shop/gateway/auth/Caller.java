package com.northwind.shop.gateway.auth;

import java.util.Optional;
import java.util.Set;
import org.springframework.web.server.ServerWebExchange;

/**
 * The authenticated caller of a request, known once its access token has been verified.
 *
 * @param subject the token's subject (the user id)
 * @param roles the roles the token grants
 */
public record Caller(String subject, Set<String> roles) {

    /** Exchange attribute under which the verified caller is kept. */
    public static final String ATTRIBUTE = Caller.class.getName();

    /** The verified caller of this exchange, if its request carried a valid access token. */
    public static Optional<Caller> of(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getAttribute(ATTRIBUTE));
    }
}
