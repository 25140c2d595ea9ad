package com.northwind.shop.platform.security.servlet;

import java.util.Set;

/**
 * Which service clients may call one {@code /internal/**} endpoint of this service, declared as a bean. The platform's
 * chain lets a request to {@code /internal/**} through only with a service token ({@code typ: service+jwt}, scope
 * {@code internal}, {@code aud} this service's name) whose client ({@code sub}) an endpoint declared here names; an
 * internal path that no bean declares is refused to every caller, so a new endpoint is closed until someone says who
 * calls it.
 *
 * <pre>{@code
 * @Bean
 * InternalEndpoint reservations() {
 *     return InternalEndpoint.of("/internal/reservations/**", "order-service");
 * }
 * }</pre>
 *
 * @param pattern a path pattern under {@code /internal/}
 * @param clients the client ids (service tokens' {@code sub}) that may call it
 */
public record InternalEndpoint(String pattern, Set<String> clients) {

    public InternalEndpoint {
        if (!pattern.startsWith("/internal/")) {
            throw new IllegalArgumentException("An internal endpoint lives under /internal/: " + pattern);
        }
        clients = Set.copyOf(clients);
        if (clients.isEmpty()) {
            throw new IllegalArgumentException("An internal endpoint needs at least one client: " + pattern);
        }
    }

    public static InternalEndpoint of(String pattern, String... clients) {
        return new InternalEndpoint(pattern, Set.of(clients));
    }
}
