package com.northwind.shop.users.auth;

import com.northwind.shop.platform.problem.DomainException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** A login, refresh or token request that is refused; messages are safe to show and reveal nothing. */
public class AuthException extends DomainException {

    private final @Nullable Duration retryAfter;

    private AuthException(Kind kind, String slug, String message, @Nullable Duration retryAfter) {
        super(kind, slug, message);
        this.retryAfter = retryAfter;
    }

    static AuthException invalidCredentials() {
        return new AuthException(
                Kind.UNAUTHENTICATED, "invalid-credentials", "The email or password is not correct.", null);
    }

    static AuthException invalidRefreshToken() {
        return new AuthException(
                Kind.UNAUTHENTICATED, "invalid-refresh-token", "The refresh token is invalid or expired.", null);
    }

    static AuthException invalidClient() {
        return new AuthException(
                Kind.UNAUTHENTICATED, "invalid-client", "The client credentials are not correct.", null);
    }

    static AuthException invalidTarget() {
        return new AuthException(
                Kind.FORBIDDEN, "invalid-target", "This client may not get tokens for that service.", null);
    }

    static AuthException throttled(Duration retryAfter) {
        return new AuthException(
                Kind.THROTTLED, "too-many-login-failures", "Too many failed logins; retry later.", retryAfter);
    }

    /** How long a throttled client should wait. */
    @Override
    public @Nullable Duration retryAfter() {
        return retryAfter;
    }
}
