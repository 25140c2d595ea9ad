package com.northwind.shop.platform.security;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a token is for, carried in the {@value TokenClaims#TOKEN_TYPE} claim. A verifier accepts only the types it
 * is asked for, so a token minted for one purpose can never be replayed for another.
 */
public enum TokenType {

    /** A user's short-lived access token. */
    ACCESS,

    /** A service client's token for {@code /internal/**} calls (client credentials). */
    SERVICE;

    /** The claim value, e.g. {@code access}. */
    public String claimValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type a claim value names, or {@code null} for anything else (including {@code refresh}). */
    public static @Nullable TokenType fromClaim(@Nullable Object value) {
        if (value instanceof String text) {
            for (TokenType type : values()) {
                if (type.claimValue().equals(text)) {
                    return type;
                }
            }
        }
        return null;
    }
}
