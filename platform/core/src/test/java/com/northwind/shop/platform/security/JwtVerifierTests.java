package com.northwind.shop.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.northwind.shop.platform.test.TestTokens;
import com.northwind.shop.platform.test.TestTokens.BadToken;
import io.jsonwebtoken.Jwts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JwtVerifierTests {

    private static final TestTokens tokens = TestTokens.get();

    private final JwtProperties properties =
            JwtProperties.defaults().withJwksUri(tokens.jwksUri()).withServiceAudience("product-service");
    private final JwtVerifier verifier = new JwtVerifier(properties, new JwksVerificationKeys(properties));

    @Test
    void acceptsAValidAccessToken() {
        UUID userId = UUID.randomUUID();

        TokenPrincipal principal = verifier.verifyAccessToken(tokens.accessToken(userId, "CUSTOMER", "ADMIN"));

        assertThat(principal.userId()).isEqualTo(userId);
        assertThat(principal.subject()).isEqualTo(userId.toString());
        assertThat(principal.type()).isEqualTo(TokenType.ACCESS);
        assertThat(principal.roles()).containsExactlyInAnyOrder("CUSTOMER", "ADMIN");
        assertThat(principal.scopes()).isEmpty();
        assertThat(principal.tokenId()).isNotBlank();
        assertThat(principal.expiresAt()).isAfter(Instant.now());
    }

    @Test
    void acceptsAServiceTokenOnlyAsServiceToken() {
        String token = tokens.serviceToken("order-service", "product-service");

        TokenPrincipal principal = verifier.verifyServiceToken(token);

        assertThat(principal.subject()).isEqualTo("order-service");
        assertThat(principal.userId()).isNull();
        assertThat(principal.scopes()).containsExactly("internal");
        assertThatThrownBy(() -> verifier.verifyAccessToken(token)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void refusesAServiceTokenForAnotherService() {
        assertThatThrownBy(() -> verifier.verifyServiceToken(tokens.serviceToken("order-service", "payment-service")))
                .isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> verifier.verifyServiceToken(tokens.serviceToken("order-service", TestTokens.AUDIENCE)))
                .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void refusesEveryServiceTokenWhereNoServiceAudienceIsConfigured() {
        JwtProperties gateway = JwtProperties.defaults().withJwksUri(tokens.jwksUri());
        JwtVerifier edge = new JwtVerifier(gateway, new JwksVerificationKeys(gateway));

        assertThatThrownBy(() -> edge.verifyServiceToken(tokens.serviceToken("order-service", "")))
                .isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> edge.verifyServiceToken(tokens.serviceToken("order-service", "product-service")))
                .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void refusesAnAccessTokenAsServiceToken() {
        assertThatThrownBy(() -> verifier.verifyServiceToken(tokens.accessToken(UUID.randomUUID(), "ADMIN")))
                .isInstanceOf(InvalidTokenException.class);
    }

    @ParameterizedTest
    @EnumSource(BadToken.class)
    void refusesBadTokens(BadToken kind) {
        String token = tokens.bad(kind, UUID.randomUUID());

        assertThatThrownBy(() -> verifier.verifyAccessToken(token)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void refusesAnAccessTokenWhoseSubjectIsNoUserId() {
        String token =
                tokens.sign(tokens.accessClaims(UUID.randomUUID(), "CUSTOMER").subject("order-service"));

        assertThatThrownBy(() -> verifier.verifyAccessToken(token)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void toleratesSmallClockSkewOnly() {
        Instant now = Instant.now();
        String justExpired = tokens.sign(
                tokens.accessClaims(UUID.randomUUID(), "CUSTOMER").expiration(Date.from(now.minusSeconds(10))));
        String longExpired = tokens.sign(
                tokens.accessClaims(UUID.randomUUID(), "CUSTOMER").expiration(Date.from(now.minusSeconds(40))));

        assertThat(verifier.verifyAccessToken(justExpired).type()).isEqualTo(TokenType.ACCESS);
        assertThatThrownBy(() -> verifier.verifyAccessToken(longExpired)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void refusesClockSkewAboveThirtySeconds() {
        assertThatThrownBy(
                        () -> new JwtProperties(null, null, null, Duration.ofMinutes(5), null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void picksUpARotatedKeyButRefetchesAtMostOncePerInterval() {
        TestTokens issuer = TestTokens.create();
        AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        JwtProperties settings = JwtProperties.defaults().withJwksUri(issuer.jwksUri());
        JwtVerifier rotating = new JwtVerifier(settings, new JwksVerificationKeys(settings, clock));
        UUID userId = UUID.randomUUID();
        String beforeRotation = issuer.accessToken(userId, "CUSTOMER");
        assertThat(rotating.verifyAccessToken(beforeRotation).userId()).isEqualTo(userId);
        assertThat(issuer.jwksRequests()).isEqualTo(1);

        // Unknown kids within the interval do not trigger fetches.
        for (int i = 0; i < 5; i++) {
            String forged = issuer.bad(BadToken.UNKNOWN_KID, userId);
            assertThatThrownBy(() -> rotating.verifyAccessToken(forged)).isInstanceOf(InvalidTokenException.class);
        }
        assertThat(issuer.jwksRequests()).isEqualTo(1);

        issuer.rotateKey();
        String afterRotation = issuer.accessToken(userId, "CUSTOMER");
        now.set(now.get().plusSeconds(31));

        assertThat(rotating.verifyAccessToken(afterRotation).userId()).isEqualTo(userId);
        assertThat(rotating.verifyAccessToken(beforeRotation).userId()).isEqualTo(userId);
        assertThat(issuer.jwksRequests()).isEqualTo(2);
    }

    @Test
    void ignoresPrivateAndNonRsaKeysInTheJwks() {
        var ec = Jwts.SIG.ES256.keyPair().build();
        String json = "{\"keys\":["
                + io.jsonwebtoken.security.Jwks.json(io.jsonwebtoken.security.Jwks.builder()
                        .key((java.security.interfaces.ECPublicKey) ec.getPublic())
                        .id("ec")
                        .build())
                + "]}";

        assertThat(JwksVerificationKeys.parse(json)).isEmpty();
    }
}
