package com.northwind.shop.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JweHeader;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import java.security.Key;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Verifies the tokens user-service signs, trusting nothing the token says about how to verify it:
 *
 * <ul>
 *   <li>only RS256 signatures by an RSA key; {@code alg: none}, HMAC (e.g. HS256 "signed" with the public key),
 *       encrypted and compressed tokens are refused;
 *   <li>the key comes only from {@link VerificationKeys} by {@code kid}; {@code jku}, {@code x5u}, {@code jwk} and
 *       {@code x5c} headers are never followed;
 *   <li>{@code iss} must match; {@code aud} must hold the platform's audience for an access token, and for a service
 *       token exactly one value, this service's name ({@link JwtProperties#serviceAudience()}), so a token issued for
 *       calls to one service is refused by every other (and everywhere when no service audience is configured);
 *       {@code exp}, {@code nbf} and {@code iat} must be present, {@code exp}
 *       in the future, {@code nbf} and {@code iat} not in the future, each with the configured clock skew (at most
 *       30 s);
 *   <li>the {@value TokenClaims#TOKEN_TYPE} claim must be one of the accepted types and the header's {@code typ}
 *       must be that type's ({@code at+jwt} for access tokens, {@code service+jwt} for service tokens), so a
 *       refresh or service token is never taken for an access token.
 * </ul>
 *
 * Every failure is an {@link InvalidTokenException}; its message is for logs, never for clients.
 *
 * <p>A token that passed is remembered (at most {@code maxVerifiedTokens}; Caffeine evicts those least likely to
 * be used again) until its {@code exp}, and its next verification is a lookup: parsing it and checking its RS256
 * signature took 77 µs on a slow 2-core machine, a remembered one 0.21 µs with the key check below
 * (bench/token-verification, JMH), and every request a service answers brings a token
 * (the caller's access token, or the calling service's token, the same one for minutes). Nothing a remembered token
 * says can change before it expires; what can is its signing key, so each reuse also asks {@link VerificationKeys}
 * whether the key the token was verified with is still published under its {@code kid} (a map lookup while the JWKS
 * is fresh): once a withdrawn key is gone from the JWKS as this service last read it ({@code jwks-cache-ttl}), its
 * tokens are refused, as tokens that were never remembered would be. Refused tokens are never remembered.
 */
public final class JwtVerifier {

    /** Verified tokens a service remembers by default; the gateway, which sees every client, keeps more. */
    public static final int DEFAULT_MAX_VERIFIED_TOKENS = 10_000;

    private final Cache<String, Verified> verified;
    private final VerificationKeys keys;
    private final JwtParser parser;
    private final Clock clock;
    private final long skewSeconds;
    private final String accessAudience;
    private final @Nullable String serviceAudience;

    public JwtVerifier(JwtProperties properties, VerificationKeys keys) {
        this(properties, keys, Clock.systemUTC());
    }

    public JwtVerifier(JwtProperties properties, VerificationKeys keys, Clock clock) {
        this(properties, keys, clock, DEFAULT_MAX_VERIFIED_TOKENS);
    }

    public JwtVerifier(JwtProperties properties, VerificationKeys keys, Clock clock, int maxVerifiedTokens) {
        this.verified = Caffeine.newBuilder()
                .maximumSize(maxVerifiedTokens)
                .expireAfter(Expiry.<String, Verified>creating((token, entry) ->
                        Duration.between(clock.instant(), entry.principal().expiresAt())))
                .build();
        this.keys = keys;
        this.clock = clock;
        this.skewSeconds = properties.clockSkew().toSeconds();
        this.accessAudience = properties.audience();
        this.serviceAudience = properties.serviceAudience();
        this.parser = Jwts.parser()
                .keyLocator(new KidLocator(keys))
                .sig()
                .clear()
                .add(Jwts.SIG.RS256)
                .and()
                .enc()
                .clear()
                .and()
                .key()
                .clear()
                .and()
                .zip()
                .clear()
                .and()
                .requireIssuer(properties.issuer())
                .clockSkewSeconds(properties.clockSkew().toSeconds())
                .clock(() -> Date.from(clock.instant()))
                .build();
    }

    /** Verifies a user's access token. */
    public TokenPrincipal verifyAccessToken(String token) {
        return verify(token, EnumSet.of(TokenType.ACCESS));
    }

    /** Verifies a service token (client credentials, scope {@code internal}) issued for calls to this service. */
    public TokenPrincipal verifyServiceToken(String token) {
        return verify(token, EnumSet.of(TokenType.SERVICE));
    }

    /** Verifies a token of any of the given types. */
    public TokenPrincipal verify(String token, Set<TokenType> accepted) {
        Verified known = verified.getIfPresent(token);
        if (known != null
                && accepted.contains(known.principal().type())
                && known.principal().expiresAt().isAfter(clock.instant())
                && known.key().equals(keys.find(known.kid()))) {
            return known.principal();
        }
        Jws<Claims> jws = parse(token);
        TokenPrincipal principal = checkedClaims(jws, accepted);
        String kid = jws.getHeader().getKeyId();
        PublicKey key = kid == null ? null : keys.find(kid);
        if (kid != null && key != null) {
            verified.put(token, new Verified(principal, kid, key));
        }
        return principal;
    }

    private Jws<Claims> parse(String token) {
        try {
            return parser.parseSignedClaims(token);
        } catch (JwtException | IllegalArgumentException ex) {
            throw new InvalidTokenException("Token rejected: " + ex.getMessage(), ex);
        }
    }

    private TokenPrincipal checkedClaims(Jws<Claims> jws, Set<TokenType> accepted) {
        Claims claims = jws.getPayload();
        if (claims.getExpiration() == null) {
            throw new InvalidTokenException("Token has no exp claim");
        }
        // jjwt checks nbf only when present and never looks at iat: both are required here.
        if (claims.getNotBefore() == null) {
            throw new InvalidTokenException("Token has no nbf claim");
        }
        Date issuedAt = claims.getIssuedAt();
        if (issuedAt == null) {
            throw new InvalidTokenException("Token has no iat claim");
        }
        if (issuedAt.toInstant().isAfter(clock.instant().plusSeconds(skewSeconds))) {
            throw new InvalidTokenException("Token issued in the future: " + issuedAt.toInstant());
        }
        TokenType type = TokenType.fromClaim(claims.get(TokenClaims.TOKEN_TYPE));
        if (type == null || !accepted.contains(type)) {
            throw new InvalidTokenException("Token type " + claims.get(TokenClaims.TOKEN_TYPE) + " not accepted");
        }
        String headerType = jws.getHeader().getType();
        if (!type.headerType().equalsIgnoreCase(String.valueOf(headerType))) {
            throw new InvalidTokenException("Header typ " + headerType + " does not match token type " + type);
        }
        // The audience depends on the type, so it is checked here rather than by the parser.
        Set<String> audiences = claims.getAudience() == null ? Set.of() : claims.getAudience();
        if (type == TokenType.SERVICE) {
            if (serviceAudience == null || !audiences.equals(Set.of(serviceAudience))) {
                throw new InvalidTokenException("Service token audience " + audiences + " is not this service");
            }
        } else if (!audiences.contains(accessAudience)) {
            throw new InvalidTokenException("Access token audience " + audiences + " lacks " + accessAudience);
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new InvalidTokenException("Token has no sub claim");
        }
        UUID userId = null;
        if (type == TokenType.ACCESS) {
            try {
                userId = UUID.fromString(subject);
            } catch (IllegalArgumentException ex) {
                throw new InvalidTokenException("Access token subject is not a user id", ex);
            }
        }
        return new TokenPrincipal(
                subject,
                userId,
                type,
                strings(claims.get(TokenClaims.ROLES)),
                scopes(claims.get(TokenClaims.SCOPE)),
                claims.getId(),
                claims.getExpiration().toInstant());
    }

    private static Set<String> strings(@Nullable Object value) {
        Set<String> result = new LinkedHashSet<>();
        if (value instanceof Collection<?> items) {
            for (Object item : items) {
                if (item instanceof String text && !text.isBlank()) {
                    result.add(text);
                }
            }
        }
        return result;
    }

    private static Set<String> scopes(@Nullable Object value) {
        if (value instanceof String text) {
            Set<String> result = new LinkedHashSet<>();
            Arrays.stream(text.trim().split("\\s+")).filter(s -> !s.isEmpty()).forEach(result::add);
            return result;
        }
        return strings(value);
    }

    /** A token that passed, with the key that verified it: reused only while that key is still published. */
    private record Verified(TokenPrincipal principal, String kid, PublicKey key) {}

    /** Finds the key by {@code kid} only, and only for an RS256 JWS. */
    private static final class KidLocator extends LocatorAdapter<Key> {

        private final VerificationKeys keys;

        KidLocator(VerificationKeys keys) {
            this.keys = keys;
        }

        @Override
        protected Key locate(JwsHeader header) {
            if (!TokenClaims.ALGORITHM.equals(header.getAlgorithm())) {
                throw new InvalidTokenException("Algorithm " + header.getAlgorithm() + " not accepted");
            }
            String kid = header.getKeyId();
            if (kid == null || kid.isBlank()) {
                throw new InvalidTokenException("Token has no kid");
            }
            PublicKey key = keys.find(kid);
            if (!(key instanceof RSAPublicKey)) {
                throw new InvalidTokenException("Unknown kid " + kid);
            }
            return key;
        }

        @Override
        protected Key locate(JweHeader header) {
            throw new InvalidTokenException("Encrypted tokens are not accepted");
        }

        @Override
        protected @Nullable Key doLocate(io.jsonwebtoken.Header header) {
            throw new InvalidTokenException("Unsigned tokens are not accepted");
        }
    }
}
