package com.northwind.shop.users.auth;

import com.northwind.shop.platform.security.JwtProperties;
import com.northwind.shop.platform.security.TokenClaims;
import com.northwind.shop.platform.security.TokenType;
import io.jsonwebtoken.Jwts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Signs access and service tokens (RS256, {@code kid} of the active key). */
@Component
class TokenIssuer {

    private final SigningKeys keys;
    private final JwtProperties jwt;
    private final Clock clock;

    TokenIssuer(SigningKeys keys, JwtProperties jwt, Clock clock) {
        this.keys = keys;
        this.jwt = jwt;
        this.clock = clock;
    }

    /** A user's access token is for the whole platform: {@code aud} is the platform's audience. */
    String accessToken(UUID userId, Collection<String> roles, Duration ttl) {
        return sign(userId.toString(), TokenType.ACCESS, jwt.audience(), ttl)
                .claim(TokenClaims.ROLES, List.copyOf(roles))
                .compact();
    }

    /**
     * A service client's token with {@code scope=internal} and {@code token_type=service} for calls to one service,
     * whose name is the token's only {@code aud}.
     */
    String serviceToken(String clientId, String audience, Duration ttl) {
        return sign(clientId, TokenType.SERVICE, audience, ttl)
                .claim(TokenClaims.SCOPE, TokenClaims.INTERNAL_SCOPE)
                .compact();
    }

    private io.jsonwebtoken.JwtBuilder sign(String subject, TokenType type, String audience, Duration ttl) {
        Instant now = clock.instant();
        return Jwts.builder()
                .header()
                .keyId(keys.activeKid())
                .type(type.headerType())
                .and()
                .issuer(jwt.issuer())
                .audience()
                .add(audience)
                .and()
                .subject(subject)
                .claim(TokenClaims.TOKEN_TYPE, type.claimValue())
                .id(UUID.randomUUID().toString())
                .issuedAt(Date.from(now))
                .notBefore(Date.from(now))
                .expiration(Date.from(now.plus(ttl)))
                .signWith(keys.activeKey(), Jwts.SIG.RS256);
    }
}
