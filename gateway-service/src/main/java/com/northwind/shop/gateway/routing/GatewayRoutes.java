package com.northwind.shop.gateway.routing;

import static org.springframework.cloud.gateway.support.RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR;

import com.northwind.shop.gateway.GatewayProperties;
import com.northwind.shop.gateway.auth.AccessFilter;
import com.northwind.shop.gateway.auth.AuthenticationFilter;
import com.northwind.shop.gateway.ratelimit.RateLimiters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.propagation.Propagator;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.Buildable;
import org.springframework.cloud.gateway.route.builder.PredicateSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import reactor.netty.http.client.HttpClient;

/**
 * The routes: every public path of every service, nothing else. {@code /internal/**} and the services'
 * {@code /actuator/**} match no route (and {@code PathGuardFilter} refuses them however spelled).
 *
 * <p>Each API route is, in order: rate limited (token bucket per caller), guarded by its service's circuit breaker and
 * retried once on another instance for GET and HEAD when the connection failed ({@link UpstreamGuard}), load balanced
 * over the service's healthy instances, with the service's own response timeout. They are served by
 * {@link ProxyFilter} on Reactor Netty's client; only the API documents ({@code /v3/api-docs/{name}}, which rewrite the
 * path) are Spring Cloud Gateway routes. The connect timeout is the HTTP client's, one for all routes.
 */
@Configuration(proxyBeanMethods = false)
class GatewayRoutes {

    static final String USERS = "user-service";
    static final String PRODUCTS = "product-service";
    static final String ORDERS = "order-service";
    static final String PAYMENTS = "payment-service";

    @Bean
    ProxyFilter proxyFilter(
            GatewayProperties properties,
            RateLimiters limiters,
            CircuitBreakers breakers,
            AuthenticationFilter authentication,
            AccessFilter access,
            HttpClient gatewayHttpClient,
            LoadBalancerClientFactory balancers,
            ObjectProvider<Propagator> propagator,
            ObjectProvider<MeterRegistry> meters,
            Environment environment) {
        Routes routes = new Routes(properties, limiters, breakers);
        List<ProxyRoute> table = List.of(
                routes.api("auth", USERS, limiters.auth("auth"), "/api/auth/**"),
                routes.api("users", USERS, limiters.api("users"), "/api/users/**", "/.well-known/jwks.json"),
                routes.api("products", PRODUCTS, limiters.api("products"), "/api/products/**", "/api/categories/**"),
                routes.api(
                        "orders",
                        ORDERS,
                        limiters.api("orders"),
                        "/api/cart/**",
                        "/api/orders/**",
                        "/api/admin/orders/**"),
                routes.api("payments", PAYMENTS, limiters.api("payments"), "/api/payments/**"));
        boolean timed =
                environment.getProperty("spring.cloud.gateway.server.webflux.metrics.enabled", Boolean.class, false);
        return new ProxyFilter(
                table,
                authentication,
                access,
                new UpstreamCall(gatewayHttpClient, balancers, propagator.getIfAvailable()),
                timed ? meters.getIfAvailable() : null);
    }

    @Bean
    RouteLocator routes(
            RouteLocatorBuilder builder,
            GatewayProperties properties,
            RateLimiters limiters,
            CircuitBreakers breakers) {
        Routes routes = new Routes(properties, limiters, breakers);
        return builder.routes()
                .route("docs-users", r -> routes.docs(r, "users", USERS))
                .route("docs-products", r -> routes.docs(r, "products", PRODUCTS))
                .route("docs-orders", r -> routes.docs(r, "orders", ORDERS))
                .route("docs-payments", r -> routes.docs(r, "payments", PAYMENTS))
                .build();
    }

    /** Builds the shared parts of every route. */
    private record Routes(GatewayProperties properties, RateLimiters limiters, CircuitBreakers breakers) {

        ProxyRoute api(String id, String serviceId, GatewayFilter limiter, String... paths) {
            return ProxyRoute.of(
                    id,
                    serviceId,
                    List.of(paths),
                    List.of(limiter, breakers.guard(serviceId)),
                    properties.timeoutsFor(serviceId).response());
        }

        URI lb(String serviceId) {
            return URI.create("lb://" + serviceId);
        }

        Map<String, Object> timeouts(String serviceId) {
            return Map.of(
                    RESPONSE_TIMEOUT_ATTR,
                    properties.timeoutsFor(serviceId).response().toMillis());
        }

        Buildable<Route> docs(PredicateSpec r, String name, String serviceId) {
            return r.path("/v3/api-docs/" + name)
                    .filters(f -> f.setPath("/v3/api-docs")
                            .filter(limiters.api("docs-" + name))
                            .filter(breakers.guard(serviceId)))
                    .metadata(timeouts(serviceId))
                    .uri(lb(serviceId));
        }
    }
}
