package com.northwind.shop.gateway.auth;

import com.northwind.shop.gateway.auth.TokenVerification.VerifiedTokens;
import com.northwind.shop.platform.security.InvalidTokenException;
import com.northwind.shop.platform.security.JwtVerifier;
import com.northwind.shop.platform.security.TokenPrincipal;
import java.util.List;
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
    private static final int MAX_TOKEN_LENGTH = 8192;

    private final VerifiedTokens tokens;

    AuthenticationFilter(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        exchange.getAttributes().put(PUBLIC_ROUTE, PublicRoutes.isPublic(exchange.getRequest()));
        // The raw header lines: a comma-separated list in one line is no token either (commas are not token
        // characters).
        List<String> authorization = exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.AUTHORIZATION);
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

    /**
     * The token of an {@code Authorization: Bearer <token>} header (RFC 6750 §2.1: {@code b64token}, scheme name in
     * any case), or null. Scanned by hand: a regular expression over a token of a kilobyte cost a tenth of the
     * gateway's CPU per request.
     */
    static @Nullable String bearerToken(String header) {
        if (header.length() > MAX_TOKEN_LENGTH + 7) {
            return null;
        }
        String value = header.trim();
        if (value.length() < 8 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        int end = value.length();
        while (end > 7 && value.charAt(end - 1) == '=') {
            end--;
        }
        if (end == 7) {
            return null;
        }
        for (int i = 7; i < end; i++) {
            if (!isTokenCharacter(value.charAt(i))) {
                return null;
            }
        }
        return value.substring(7);
    }

    private static boolean isTokenCharacter(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~'
                || c == '+'
                || c == '/';
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
