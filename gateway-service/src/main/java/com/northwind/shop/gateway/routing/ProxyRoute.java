package com.northwind.shop.gateway.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * One route of the proxy: the paths it serves, the service it forwards them to (as they came, path and query
 * untouched), the route's own filters (rate limit, then the {@link UpstreamGuard}) and the service's response timeout.
 *
 * @param id the route id, as metrics and rate-limit keys name it
 * @param serviceId the downstream service (its instances come from Spring Cloud LoadBalancer)
 * @param patterns the paths it serves
 * @param filters the route's filters, in order
 * @param responseTimeout how long to wait for the service's answer
 */
record ProxyRoute(
        String id,
        String serviceId,
        List<PathPattern> patterns,
        List<GatewayFilter> filters,
        Duration responseTimeout) {

    private static final PathPatternParser PARSER = new PathPatternParser();

    /**
     * A route over these path patterns. A pattern that does not end in {@code /**} matches with a trailing slash too,
     * as Spring Cloud Gateway's {@code Path} predicate does.
     */
    static ProxyRoute of(
            String id, String serviceId, List<String> paths, List<GatewayFilter> filters, Duration responseTimeout) {
        List<PathPattern> patterns = new ArrayList<>();
        for (String path : paths) {
            patterns.add(PARSER.parse(path));
            if (!path.endsWith("/**") && !path.endsWith("/")) {
                patterns.add(PARSER.parse(path + "/"));
            }
        }
        return new ProxyRoute(id, serviceId, List.copyOf(patterns), List.copyOf(filters), responseTimeout);
    }

    boolean matches(PathContainer path) {
        for (PathPattern pattern : patterns) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }
}
