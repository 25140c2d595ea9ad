package com.northwind.shop.platform.security.servlet;

import com.northwind.shop.platform.security.InvalidTokenException;
import com.northwind.shop.platform.security.JwtVerifier;
import com.northwind.shop.platform.security.TokenType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request by the bearer token in its {@code Authorization} header, and only there: a token in a query
 * parameter or form field is never read (it would end up in logs and browser history). A request without a token
 * continues anonymously and meets the authorization rules; a request with an invalid token is answered 401 at once.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(BearerTokenFilter.class);

    private static final String PREFIX = "bearer ";

    private final JwtVerifier verifier;
    private final AuthenticationEntryPoint entryPoint;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    BearerTokenFilter(JwtVerifier verifier, AuthenticationEntryPoint entryPoint) {
        this.verifier = verifier;
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = bearerToken(request);
        if (token == null) {
            chain.doFilter(request, response);
            return;
        }
        try {
            TokenAuthentication authentication =
                    new TokenAuthentication(verifier.verify(token, EnumSet.of(TokenType.ACCESS, TokenType.SERVICE)));
            SecurityContext context = contexts.createEmptyContext();
            context.setAuthentication(authentication);
            contexts.setContext(context);
        } catch (InvalidTokenException ex) {
            log.debug("Rejected bearer token: {}", ex.getMessage());
            contexts.clearContext();
            entryPoint.commence(request, response, new BadCredentialsException("Invalid bearer token", ex));
            return;
        }
        chain.doFilter(request, response);
    }

    /** The token of an {@code Authorization: Bearer} header; a malformed header counts as an invalid token. */
    static @Nullable String bearerToken(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return null;
        }
        if (header.length() <= PREFIX.length()
                || !header.substring(0, PREFIX.length())
                        .toLowerCase(Locale.ROOT)
                        .equals(PREFIX)) {
            // Basic or other schemes are not ours; let the rules answer 401 for anonymous requests.
            return null;
        }
        return header.substring(PREFIX.length()).trim();
    }
}
