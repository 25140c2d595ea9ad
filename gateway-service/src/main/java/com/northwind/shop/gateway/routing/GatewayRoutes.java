package com.northwind.shop.gateway.routing;

import static org.springframework.cloud.gateway.support.RouteMetadataUtils.CONNECT_TIMEOUT_ATTR;
import static org.springframework.cloud.gateway.support.RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR;

import com.northwind.shop.gateway.GatewayProperties;
import com.northwind.shop.gateway.ratelimit.RateLimiters;
import java.net.ConnectException;
import java.net.URI;
import java.util.Map;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.Buildable;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.PredicateSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * The routes: every public path of every service, nothing else. {@code /internal/**} and the services'
 * {@code /actuator/**} match no route (and {@code PathGuardFilter} refuses them however spelled).
 *
 * <p>Each route is, in order: rate limited (Redis token bucket per caller), guarded by a circuit breaker per service
 * whose fallback is a 503 problem, retried once on another instance for GET and HEAD when the connection failed
 * (never for other methods: the service may have acted on them), load balanced over the service's healthy instances
 * ({@code lb://}), with the service's own connect and response timeouts.
 */
@Configuration(proxyBeanMethods = false)
class GatewayRoutes {

    static final String USERS = "user-service";
    static final String PRODUCTS = "product-service";
    static final String ORDERS = "order-service";
    static final String PAYMENTS = "payment-service";

    @Bean
    RouteLocator routes(RouteLocatorBuilder builder, GatewayProperties properties, RateLimiters limiters) {
        Routes routes = new Routes(properties, limiters);
        return builder.routes()
                .route(
                        "auth",
                        r -> r.path("/api/auth/**")
                                .filters(f -> routes.filters(f, USERS, limiters.auth()))
                                .metadata(routes.timeouts(USERS))
                                .uri(routes.lb(USERS)))
                .route(
                        "users",
                        r -> r.path("/api/users/**", "/.well-known/jwks.json")
                                .filters(f -> routes.filters(f, USERS, limiters.api()))
                                .metadata(routes.timeouts(USERS))
                                .uri(routes.lb(USERS)))
                .route(
                        "products",
                        r -> r.path("/api/products/**", "/api/categories/**")
                                .filters(f -> routes.filters(f, PRODUCTS, limiters.api()))
                                .metadata(routes.timeouts(PRODUCTS))
                                .uri(routes.lb(PRODUCTS)))
                .route(
                        "orders",
                        r -> r.path("/api/cart/**", "/api/orders/**", "/api/admin/orders/**")
                                .filters(f -> routes.filters(f, ORDERS, limiters.api()))
                                .metadata(routes.timeouts(ORDERS))
                                .uri(routes.lb(ORDERS)))
                .route(
                        "payments",
                        r -> r.path("/api/payments/**")
                                .filters(f -> routes.filters(f, PAYMENTS, limiters.api()))
                                .metadata(routes.timeouts(PAYMENTS))
                                .uri(routes.lb(PAYMENTS)))
                .route("docs-users", r -> routes.docs(r, "users", USERS))
                .route("docs-products", r -> routes.docs(r, "products", PRODUCTS))
                .route("docs-orders", r -> routes.docs(r, "orders", ORDERS))
                .route("docs-payments", r -> routes.docs(r, "payments", PAYMENTS))
                .build();
    }

    /** Builds the shared parts of every route. */
    private record Routes(GatewayProperties properties, RateLimiters limiters) {

        URI lb(String serviceId) {
            return URI.create("lb://" + serviceId);
        }

        Map<String, Object> timeouts(String serviceId) {
            GatewayProperties.Timeouts timeouts = properties.timeoutsFor(serviceId);
            return Map.of(
                    CONNECT_TIMEOUT_ATTR,
                    (int) timeouts.connect().toMillis(),
                    RESPONSE_TIMEOUT_ATTR,
                    timeouts.response().toMillis());
        }

        GatewayFilterSpec filters(GatewayFilterSpec f, String serviceId, RedisRateLimiter limiter) {
            return f.requestRateLimiter(c -> c.setRateLimiter(limiter)
                            .setKeyResolver(limiters.keyResolver())
                            .setThrowOnLimit(true))
                    .circuitBreaker(c -> c.setName(serviceId).setFallbackUri(UnavailableFallback.URI))
                    .retry(c -> c.setRetries(1)
                            .setMethods(HttpMethod.GET, HttpMethod.HEAD)
                            .setSeries()
                            .setExceptions(ConnectException.class));
        }

        Buildable<Route> docs(PredicateSpec r, String name, String serviceId) {
            return r.path("/v3/api-docs/" + name)
                    .filters(f -> filters(f.setPath("/v3/api-docs"), serviceId, limiters.api()))
                    .metadata(timeouts(serviceId))
                    .uri(lb(serviceId));
        }
    }
}
