package com.northwind.shop.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.northwind.shop.platform.test.TestTokens;
import com.northwind.shop.platform.test.TestTokens.BadToken;
import com.sun.net.httpserver.HttpServer;
import io.jsonwebtoken.Jwts;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
        Clock clock = movable(now);
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
    void aVerificationArrivingDuringTheFirstJwksFetchWaitsForItsKeys() throws Exception {
        TestTokens issuer = TestTokens.create();
        String jwks = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(issuer.jwksUri()).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        CountDownLatch fetching = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        HttpServer slowUserService = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        slowUserService.createContext("/jwks.json", exchange -> {
            fetching.countDown();
            try {
                answer.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        slowUserService.start();
        try {
            JwtProperties settings = JwtProperties.defaults()
                    .withJwksUri(URI.create(
                            "http://127.0.0.1:" + slowUserService.getAddress().getPort() + "/jwks.json"));
            JwtVerifier fresh = new JwtVerifier(settings, new JwksVerificationKeys(settings));
            String token = issuer.accessToken(UUID.randomUUID(), "CUSTOMER");
            CompletableFuture<TokenPrincipal> first = new CompletableFuture<>();
            Thread.ofPlatform().start(() -> complete(first, () -> fresh.verifyAccessToken(token)));
            assertThat(fetching.await(10, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<TokenPrincipal> second = new CompletableFuture<>();
            Thread during = Thread.ofPlatform().start(() -> complete(second, () -> fresh.verifyAccessToken(token)));
            // The second verification either waits for the fetch in progress or has already been answered.
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> during.getState() == Thread.State.WAITING || second.isDone());
            answer.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS).subject()).isNotBlank();
            assertThat(second.get(10, TimeUnit.SECONDS).subject()).isNotBlank();
        } finally {
            answer.countDown();
            slowUserService.stop(0);
        }
    }

    private static <T> void complete(CompletableFuture<T> future, java.util.function.Supplier<T> call) {
        try {
            future.complete(call.get());
        } catch (RuntimeException ex) {
            future.completeExceptionally(ex);
        }
    }

    @Test
    void remembersAVerifiedTokenUntilItExpiresAndNeverForAnotherType() {
        AtomicInteger lookups = new AtomicInteger();
        JwksVerificationKeys jwks = new JwksVerificationKeys(properties);
        AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
        JwtVerifier remembering = new JwtVerifier(
                properties,
                kid -> {
                    lookups.incrementAndGet();
                    return jwks.find(kid);
                },
                movable(now),
                100);
        String token = tokens.accessToken(UUID.randomUUID(), "CUSTOMER");

        TokenPrincipal first = remembering.verifyAccessToken(token);
        for (int i = 0; i < 5; i++) {
            assertThat(remembering.verifyAccessToken(token)).isSameAs(first);
        }

        // Answered from memory (a fresh verification builds a new principal); each reuse only looked its key up.
        assertThat(lookups).hasValue(2 + 5);
        // Remembered as an access token, it is still refused where only a service token will do.
        assertThatThrownBy(() -> remembering.verifyServiceToken(token)).isInstanceOf(InvalidTokenException.class);
        // Past its expiry (and the clock skew) it is verified again, and refused.
        now.set(first.expiresAt().plusSeconds(31));
        assertThatThrownBy(() -> remembering.verifyAccessToken(token)).isInstanceOf(InvalidTokenException.class);
        // A refused token is never remembered.
        String forged = tokens.bad(BadToken.UNKNOWN_KID, UUID.randomUUID());
        int before = lookups.get();
        assertThatThrownBy(() -> remembering.verifyAccessToken(forged)).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> remembering.verifyAccessToken(forged)).isInstanceOf(InvalidTokenException.class);
        assertThat(lookups).hasValue(before + 2);
    }

    @Test
    void refusesARememberedTokenOnceItsKeyIsWithdrawn() {
        JwksVerificationKeys jwks = new JwksVerificationKeys(properties);
        AtomicBoolean withdrawn = new AtomicBoolean();
        JwtVerifier remembering =
                new JwtVerifier(properties, kid -> withdrawn.get() ? null : jwks.find(kid), Clock.systemUTC(), 100);
        String token = tokens.accessToken(UUID.randomUUID(), "CUSTOMER");
        TokenPrincipal first = remembering.verifyAccessToken(token);
        assertThat(remembering.verifyAccessToken(token)).isSameAs(first);

        withdrawn.set(true); // the JWKS this service last read no longer publishes the token's key

        assertThatThrownBy(() -> remembering.verifyAccessToken(token))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("Unknown kid");
    }

    /** A clock that reads {@code now}. */
    private static Clock movable(AtomicReference<Instant> now) {
        return new Clock() {
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
