package com.northwind.shop.platform.security;

/** Names of the non-registered claims that tokens of Northwind Shop carry. */
public final class TokenClaims {

    /** The token type: {@code access} or {@code service} (see {@link TokenType}). */
    public static final String TOKEN_TYPE = "token_type";

    /** A user's roles as a JSON array of names, e.g. {@code ["CUSTOMER"]}. */
    public static final String ROLES = "roles";

    /** Space-separated scopes (RFC 8693 style), e.g. {@code internal}. */
    public static final String SCOPE = "scope";

    /** The scope that opens {@code /internal/**} endpoints between services. */
    public static final String INTERNAL_SCOPE = "internal";

    /** The only signature algorithm accepted: RSA keys sign with RS256. */
    public static final String ALGORITHM = "RS256";

    private TokenClaims() {}
}
