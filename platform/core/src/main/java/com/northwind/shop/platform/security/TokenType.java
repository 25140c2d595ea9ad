package com.northwind.shop.platform.security;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a token is for, carried in the {@value TokenClaims#TOKEN_TYPE} claim. A verifier accepts only the types it
 * is asked for, so a token minted for one purpose can never be replayed for another.
 */
public enum TokenType {

    /** A user's short-lived access token; JOSE {@code typ} {@code at+jwt} (RFC 9068). */
    ACCESS("at+jwt"),

    /** A service client's token for {@code /internal/**} calls (client credentials); {@code typ} of its own. */
    SERVICE("service+jwt");

    private final String headerType;

    TokenType(String headerType) {
        this.headerType = headerType;
    }

    /**
     * The JOSE header's {@code typ} (RFC 8725 section 3.11: explicit typing), checked together with the claim so
     * that a token of one kind can never pass for another even where a verifier forgets to say which kinds it takes.
     */
    public String headerType() {
        return headerType;
    }

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
