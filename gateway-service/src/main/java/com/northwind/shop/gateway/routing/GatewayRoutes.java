package com.northwind.shop.gateway.routing;

import static org.springframework.cloud.gateway.support.RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR;

import com.northwind.shop.gateway.GatewayProperties;
import com.northwind.shop.gateway.ratelimit.RateLimiters;
import java.net.URI;
import java.util.Map;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.Buildable;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.PredicateSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The routes: every public path of every service, nothing else. {@code /internal/**} and the services'
 * {@code /actuator/**} match no route (and {@code PathGuardFilter} refuses them however spelled).
 *
 * <p>Each route is, in order: rate limited (token bucket per caller), guarded by its service's circuit breaker and
 * retried once on another instance for GET and HEAD when the connection failed ({@link UpstreamGuard}), load balanced
 * over the service's healthy instances ({@code lb://}), with the service's own response timeout. The connect timeout
 * is the HTTP client's, one for all routes: a per-route connect timeout makes Spring Cloud Gateway copy its HTTP
 * client's configuration on every request.
 */
@Configuration(proxyBeanMethods = false)
class GatewayRoutes {

    static final String USERS = "user-service";
    static final String PRODUCTS = "product-service";
    static final String ORDERS = "order-service";
    static final String PAYMENTS = "payment-service";

    @Bean
    RouteLocator routes(
            RouteLocatorBuilder builder,
            GatewayProperties properties,
            RateLimiters limiters,
            CircuitBreakers breakers) {
        Routes routes = new Routes(properties, limiters, breakers);
        return builder.routes()
                .route(
                        "auth",
                        r -> r.path("/api/auth/**")
                                .filters(f -> routes.filters(f, USERS, limiters.auth("auth")))
                                .metadata(routes.timeouts(USERS))
                                .uri(routes.lb(USERS)))
                .route(
                        "users",
                        r -> r.path("/api/users/**", "/.well-known/jwks.json")
                                .filters(f -> routes.filters(f, USERS, limiters.api("users")))
                                .metadata(routes.timeouts(USERS))
                                .uri(routes.lb(USERS)))
                .route(
                        "products",
                        r -> r.path("/api/products/**", "/api/categories/**")
                                .filters(f -> routes.filters(f, PRODUCTS, limiters.api("products")))
                                .metadata(routes.timeouts(PRODUCTS))
                                .uri(routes.lb(PRODUCTS)))
                .route(
                        "orders",
                        r -> r.path("/api/cart/**", "/api/orders/**", "/api/admin/orders/**")
                                .filters(f -> routes.filters(f, ORDERS, limiters.api("orders")))
                                .metadata(routes.timeouts(ORDERS))
                                .uri(routes.lb(ORDERS)))
                .route(
                        "payments",
                        r -> r.path("/api/payments/**")
                                .filters(f -> routes.filters(f, PAYMENTS, limiters.api("payments")))
                                .metadata(routes.timeouts(PAYMENTS))
                                .uri(routes.lb(PAYMENTS)))
                .route("docs-users", r -> routes.docs(r, "users", USERS))
                .route("docs-products", r -> routes.docs(r, "products", PRODUCTS))
                .route("docs-orders", r -> routes.docs(r, "orders", ORDERS))
                .route("docs-payments", r -> routes.docs(r, "payments", PAYMENTS))
                .build();
    }

    /** Builds the shared parts of every route. */
    private record Routes(GatewayProperties properties, RateLimiters limiters, CircuitBreakers breakers) {

        URI lb(String serviceId) {
            return URI.create("lb://" + serviceId);
        }

        Map<String, Object> timeouts(String serviceId) {
            return Map.of(
                    RESPONSE_TIMEOUT_ATTR,
                    properties.timeoutsFor(serviceId).response().toMillis());
        }

        GatewayFilterSpec filters(GatewayFilterSpec f, String serviceId, GatewayFilter limiter) {
            return f.filter(limiter).filter(breakers.guard(serviceId));
        }

        Buildable<Route> docs(PredicateSpec r, String name, String serviceId) {
            return r.path("/v3/api-docs/" + name)
                    .filters(f -> filters(f.setPath("/v3/api-docs"), serviceId, limiters.api("docs-" + name)))
                    .metadata(timeouts(serviceId))
                    .uri(lb(serviceId));
        }
    }
}
