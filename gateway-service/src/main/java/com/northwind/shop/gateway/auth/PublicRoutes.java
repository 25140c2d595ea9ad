package com.northwind.shop.gateway.auth;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * What anyone may call without an access token: catalog reads, registration, login, token refresh, the JWKS and the
 * API documents. Everything else routed needs a valid access token.
 */
final class PublicRoutes {

    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD);

    private static final List<PathPattern> PUBLIC_READS = patterns(
            "/api/products",
            "/api/products/**",
            "/api/categories",
            "/api/categories/**",
            "/.well-known/jwks.json",
            "/v3/api-docs/*");

    private static final List<PathPattern> PUBLIC_ANY_METHOD =
            patterns("/api/auth/register", "/api/auth/login", "/api/auth/refresh");

    private PublicRoutes() {}

    static boolean isPublic(ServerHttpRequest request) {
        PathContainer path = request.getPath().pathWithinApplication();
        if (PUBLIC_ANY_METHOD.stream().anyMatch(p -> p.matches(path))) {
            return true;
        }
        return READS.contains(request.getMethod()) && PUBLIC_READS.stream().anyMatch(p -> p.matches(path));
    }

    private static List<PathPattern> patterns(String... patterns) {
        PathPatternParser parser = new PathPatternParser();
        return Arrays.stream(patterns).map(parser::parse).toList();
    }
}
