package com.northwind.shop.users.auth;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** A login, refresh or token request that is refused; messages are safe to show and reveal nothing. */
public class AuthException extends RuntimeException {

    /** Why, independent of HTTP. */
    public enum Kind {
        INVALID_CREDENTIALS,
        INVALID_REFRESH_TOKEN,
        INVALID_CLIENT,
        INVALID_TARGET,
        THROTTLED
    }

    private final Kind kind;
    private final @Nullable Duration retryAfter;

    AuthException(Kind kind, String message, @Nullable Duration retryAfter) {
        super(message);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    static AuthException invalidCredentials() {
        return new AuthException(Kind.INVALID_CREDENTIALS, "The email or password is not correct.", null);
    }

    static AuthException invalidRefreshToken() {
        return new AuthException(Kind.INVALID_REFRESH_TOKEN, "The refresh token is invalid or expired.", null);
    }

    static AuthException invalidClient() {
        return new AuthException(Kind.INVALID_CLIENT, "The client credentials are not correct.", null);
    }

    static AuthException invalidTarget() {
        return new AuthException(Kind.INVALID_TARGET, "This client may not get tokens for that service.", null);
    }

    static AuthException throttled(Duration retryAfter) {
        return new AuthException(Kind.THROTTLED, "Too many failed logins; retry later.", retryAfter);
    }

    public Kind kind() {
        return kind;
    }

    /** How long a throttled client should wait. */
    public @Nullable Duration retryAfter() {
        return retryAfter;
    }
}
