package com.northwind.shop.platform.security;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Who a verified token speaks for.
 *
 * @param subject the {@code sub} claim: a user id for access tokens, a client id (e.g. {@code order-service}) for
 *     service tokens
 * @param userId the user's id for access tokens; {@code null} for service tokens
 * @param type what the token is for
 * @param roles the user's roles without prefix, e.g. {@code CUSTOMER}, {@code ADMIN}
 * @param scopes the granted scopes, e.g. {@code internal}
 * @param tokenId the {@code jti} claim, if present
 * @param expiresAt when the token expires
 */
public record TokenPrincipal(
        String subject,
        @Nullable UUID userId,
        TokenType type,
        Set<String> roles,
        Set<String> scopes,
        @Nullable String tokenId,
        Instant expiresAt) {

    public TokenPrincipal {
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
    }

    /** The user id; fails for a service token, which speaks for no user. */
    public UUID requireUserId() {
        if (userId == null) {
            throw new IllegalStateException("A " + type.claimValue() + " token carries no user id");
        }
        return userId;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }
}
