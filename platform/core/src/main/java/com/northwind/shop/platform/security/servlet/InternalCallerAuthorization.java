package com.northwind.shop.platform.security.servlet;

import com.northwind.shop.platform.security.TokenClaims;
import com.northwind.shop.platform.security.TokenPrincipal;
import com.northwind.shop.platform.security.TokenType;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Grants an internal endpoint to a service token (type {@code service}, scope {@code internal}) of one of its
 * clients. The token's audience is already this service's: {@code JwtVerifier} refuses any other. The scope alone
 * is not enough, since nothing but the issuer's habit keeps an access token from carrying it.
 */
final class InternalCallerAuthorization implements AuthorizationManager<RequestAuthorizationContext> {

    private final Set<String> clients;

    InternalCallerAuthorization(Set<String> clients) {
        this.clients = Set.copyOf(clients);
    }

    @Override
    public AuthorizationResult authorize(
            Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        return new AuthorizationDecision(
                authentication.get() instanceof TokenAuthentication token && allowed(token.getPrincipal()));
    }

    private boolean allowed(TokenPrincipal principal) {
        return principal.type() == TokenType.SERVICE
                && principal.hasScope(TokenClaims.INTERNAL_SCOPE)
                && clients.contains(principal.subject());
    }
}
