package com.northwind.shop.gateway.routing;

import com.northwind.shop.gateway.auth.AccessFilter;
import com.northwind.shop.gateway.auth.AuthenticationFilter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Serves the API routes ({@link ProxyRoute}) itself, as the last of the edge's web filters, instead of handing them to
 * Spring Cloud Gateway's handler mapping, predicates, global filters and header filter chain: a request that matches
 * a route goes through the same steps, in the same order, as it did there (authentication, the route's rate limit,
 * its {@link UpstreamGuard}, the access check, then {@link UpstreamCall}), but without the machinery between them,
 * which cost more CPU per request than everything the gateway does on purpose. Paths of no API route (the API
 * documents, Swagger UI, the gateway's own Actuator, unknown paths) continue to Spring WebFlux and Spring Cloud Gateway.
 *
 * <p>When {@code spring.cloud.gateway.server.webflux.metrics.enabled} is set, each proxied request is timed as Spring
 * Cloud Gateway would time it ({@code spring.cloud.gateway.requests} with {@code routeId}, {@code routeUri},
 * {@code outcome}, {@code status}, {@code httpStatusCode}, {@code httpMethod}), so dashboards keep working.
 */
final class ProxyFilter implements WebFilter, Ordered {

    static final String METRIC = "spring.cloud.gateway.requests";

    private final List<Step> routes;
    private final UpstreamCall upstream;
    private final @Nullable MeterRegistry meters;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    ProxyFilter(
            List<ProxyRoute> routes,
            AuthenticationFilter authentication,
            AccessFilter access,
            UpstreamCall upstream,
            @Nullable MeterRegistry meters) {
        this.upstream = upstream;
        this.meters = meters;
        List<Step> steps = new ArrayList<>();
        for (ProxyRoute route : routes) {
            List<GatewayFilter> filters = new ArrayList<>();
            filters.add(authentication::filter);
            filters.addAll(route.filters());
            filters.add(access::filter);
            steps.add(new Step(route, filters.toArray(GatewayFilter[]::new)));
        }
        this.routes = List.copyOf(steps);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        for (Step step : routes) {
            if (step.route().matches(path)) {
                Mono<Void> proxied = new Chain(step, 0).filter(exchange);
                return meters == null ? proxied : timed(proxied, exchange, step.route());
            }
        }
        return chain.filter(exchange);
    }

    private Mono<Void> timed(Mono<Void> proxied, ServerWebExchange exchange, ProxyRoute route) {
        long started = System.nanoTime();
        return proxied.doFinally(signal -> {
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            int code = status != null ? status.value() : signal == SignalType.ON_ERROR ? 500 : 200;
            String method = exchange.getRequest().getMethod().name();
            timers.computeIfAbsent(route.id() + ' ' + method + ' ' + code, key -> timer(route, method, code))
                    .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        });
    }

    private Timer timer(ProxyRoute route, String method, int code) {
        HttpStatusCode status = HttpStatusCode.valueOf(code);
        String outcome = status.is1xxInformational()
                ? "INFORMATIONAL"
                : status.is2xxSuccessful()
                        ? "SUCCESSFUL"
                        : status.is3xxRedirection()
                                ? "REDIRECTION"
                                : status.is4xxClientError()
                                        ? "CLIENT_ERROR"
                                        : status.is5xxServerError() ? "SERVER_ERROR" : "UNKNOWN";
        return Timer.builder(METRIC)
                .tag("routeId", route.id())
                .tag("routeUri", "lb://" + route.serviceId())
                .tag("outcome", outcome)
                .tag("status", status instanceof HttpStatus known ? known.name() : "CUSTOM")
                .tag("httpStatusCode", String.valueOf(code))
                .tag("httpMethod", method)
                .register(Objects.requireNonNull(meters));
    }

    @Override
    public int getOrder() {
        // After every edge filter (request id, header hygiene, path guard, security headers, CORS, body limit).
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }

    /** A route and the filters its requests pass before {@link UpstreamCall}. */
    private record Step(ProxyRoute route, GatewayFilter[] filters) {}

    /** Runs a step's filters in order, then forwards. */
    private final class Chain implements GatewayFilterChain {

        private final Step step;
        private final int index;

        Chain(Step step, int index) {
            this.step = step;
            this.index = index;
        }

        @Override
        public Mono<Void> filter(ServerWebExchange exchange) {
            if (index < step.filters().length) {
                return step.filters()[index].filter(exchange, new Chain(step, index + 1));
            }
            return upstream.forward(exchange, step.route());
        }
    }
}
