package com.northwind.shop.gateway.auth;

import com.northwind.shop.gateway.auth.TokenVerification.VerifiedTokens;
import com.northwind.shop.platform.security.InvalidTokenException;
import com.northwind.shop.platform.security.JwtVerifier;
import com.northwind.shop.platform.security.TokenPrincipal;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Finds out who is calling, on every routed request, before the rate limiter picks a bucket: a bearer access token
 * in the {@code Authorization} header (never a query parameter) is verified with the platform's {@link JwtVerifier}
 * (RS256 only, keys from user-service's JWKS by {@code kid}, issuer, audience, expiry, token type). The verdict is
 * kept on the exchange; {@link AccessFilter} refuses protected routes later. A token seen before is answered from
 * memory, one whose key is known is verified on the event loop, and only an unknown key sends verification to a
 * blocking thread to fetch the JWKS ({@link TokenVerification}).
 */
@Component
public class AuthenticationFilter implements GlobalFilter, Ordered {

    /** Exchange attribute holding the {@link Verdict} of this request's token. */
    static final String VERDICT = AuthenticationFilter.class.getName() + ".verdict";

    /**
     * Exchange attribute telling whether the request, as the client sent it, is for a public route. Decided here,
     * before any route filter rewrites the path.
     */
    static final String PUBLIC_ROUTE = AuthenticationFilter.class.getName() + ".public";

    private static final Logger log = LoggerFactory.getLogger(AuthenticationFilter.class);
    private static final Pattern BEARER = Pattern.compile("(?i)Bearer ([A-Za-z0-9_.~+/-]+=*)");
    private static final int MAX_TOKEN_LENGTH = 8192;

    private final VerifiedTokens tokens;

    AuthenticationFilter(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        exchange.getAttributes().put(PUBLIC_ROUTE, PublicRoutes.isPublic(exchange.getRequest()));
        List<String> authorization = exchange.getRequest().getHeaders().getValuesAsList(HttpHeaders.AUTHORIZATION);
        if (authorization.isEmpty()) {
            exchange.getAttributes().put(VERDICT, Verdict.NO_TOKEN);
            return chain.filter(exchange);
        }
        String token = authorization.size() == 1 ? bearerToken(authorization.get(0)) : null;
        if (token == null) {
            exchange.getAttributes().put(VERDICT, Verdict.INVALID_TOKEN);
            return chain.filter(exchange);
        }
        return tokens.verify(token)
                .map(principal -> {
                    exchange.getAttributes().put(Caller.ATTRIBUTE, caller(principal));
                    exchange.getAttributes().put(VERDICT, Verdict.VALID_TOKEN);
                    return Verdict.VALID_TOKEN;
                })
                .onErrorResume(InvalidTokenException.class, ex -> {
                    log.debug(
                            "Access token refused on {}: {}",
                            exchange.getRequest().getPath(),
                            ex.getMessage());
                    exchange.getAttributes().put(VERDICT, Verdict.INVALID_TOKEN);
                    return Mono.just(Verdict.INVALID_TOKEN);
                })
                .then(chain.filter(exchange));
    }

    private static @Nullable String bearerToken(String header) {
        if (header.length() > MAX_TOKEN_LENGTH + 7) {
            return null;
        }
        var matcher = BEARER.matcher(header.trim());
        return matcher.matches() ? matcher.group(1) : null;
    }

    private static Caller caller(TokenPrincipal principal) {
        return new Caller(principal.subject(), principal.roles());
    }

    @Override
    public int getOrder() {
        // Before the routes' own filters (order 0): the rate limiter keys authenticated callers by subject.
        return -100;
    }

    /** What the request's token turned out to be. */
    enum Verdict {
        NO_TOKEN,
        INVALID_TOKEN,
        VALID_TOKEN
    }
}
