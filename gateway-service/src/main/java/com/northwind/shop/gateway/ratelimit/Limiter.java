package com.northwind.shop.gateway.ratelimit;

import reactor.core.publisher.Mono;

/** A token bucket per caller key. */
interface Limiter {

    /** Takes one token from the bucket of {@code key} on {@code routeId}'s limit, if there is one. */
    Mono<Decision> check(String routeId, String key);
}
