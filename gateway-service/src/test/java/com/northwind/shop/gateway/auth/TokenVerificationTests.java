package com.northwind.shop.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.northwind.shop.gateway.auth.TokenVerification.VerifiedTokens;
import com.northwind.shop.platform.security.InvalidTokenException;
import com.northwind.shop.platform.security.JwksVerificationKeys;
import com.northwind.shop.platform.security.JwtProperties;
import com.northwind.shop.platform.security.JwtVerifier;
import com.northwind.shop.platform.security.TokenPrincipal;
import com.northwind.shop.platform.security.VerificationKeys;
import com.northwind.shop.platform.test.TestTokens;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Against a real JWKS served over HTTP ({@link TestTokens}) and the platform's real verifier. */
class TokenVerificationTests {

    private final TestTokens issuer = TestTokens.create();
    private final AtomicInteger keyLookups = new AtomicInteger();
    private final CachedVerificationKeys keys = new CachedVerificationKeys(counting(jwks()), Duration.ofMinutes(5));
    private final VerifiedTokens tokens = new VerifiedTokens(
            new JwtVerifier(JwtProperties.defaults().withJwksUri(issuer.jwksUri()), keys, Clock.systemUTC(), 1000));

    @Test
    void fetchesAnUnknownKeyOffTheEventLoopThenVerifiesOnIt() {
        String first = issuer.accessToken(UUID.randomUUID(), "CUSTOMER");
        String second = issuer.accessToken(UUID.randomUUID(), "CUSTOMER");

        // The first token's key is unknown: verification leaves the (non-blocking) thread it was asked on.
        TokenPrincipal principal = onEventLoop(tokens.verify(first));
        assertThat(principal.roles()).containsExactly("CUSTOMER");
        assertThat(issuer.jwksRequests()).isEqualTo(1);

        // Another token with the same key is verified on a non-blocking thread itself: no JWKS call, no hop.
        Mono<TokenPrincipal> verified = Mono.defer(() -> tokens.verify(second)).subscribeOn(Schedulers.parallel());
        assertThat(verified.block(Duration.ofSeconds(5))).isNotNull();
        assertThat(issuer.jwksRequests()).isEqualTo(1);
    }

    @Test
    void remembersAVerifiedTokenUntilItExpires() {
        String token = issuer.accessToken(UUID.randomUUID(), "CUSTOMER");
        onEventLoop(tokens.verify(token));
        int lookups = keyLookups.get();

        for (int i = 0; i < 10; i++) {
            onEventLoop(tokens.verify(token));
        }

        // Answered from memory: the JWKS client was not asked again (the key check reads the known keys in memory).
        assertThat(keyLookups).hasValue(lookups);
    }

    @Test
    void refusesARememberedTokenOnceTheBackgroundRefreshFindsItsKeyWithdrawn() {
        TestTokens rotating = TestTokens.create();
        // No JWKS caching below the gateway's own known keys, so the background refresh reads the JWKS as it is now.
        JwtProperties fresh =
                new JwtProperties(null, null, rotating.jwksUri(), null, Duration.ZERO, Duration.ZERO, null, null, null);
        CachedVerificationKeys known =
                new CachedVerificationKeys(new JwksVerificationKeys(fresh), Duration.ofMinutes(5));
        VerifiedTokens remembering = new VerifiedTokens(new JwtVerifier(fresh, known, Clock.systemUTC(), 1000));
        String withdrawn = rotating.kid();
        String token = rotating.accessToken(UUID.randomUUID(), "CUSTOMER");
        onEventLoop(remembering.verify(token));

        rotating.rotateKey();
        rotating.withdrawKey(withdrawn);
        known.refreshKnown();

        assertThatThrownBy(() -> onEventLoop(remembering.verify(token)))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("Unknown kid");
    }

    @Test
    void stillRefusesBadTokens() {
        onEventLoop(tokens.verify(issuer.accessToken(UUID.randomUUID())));
        String forged = issuer.bad(TestTokens.BadToken.values()[0], UUID.randomUUID());

        assertThatThrownBy(() -> onEventLoop(tokens.verify(forged))).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> onEventLoop(tokens.verify(forged))).isInstanceOf(InvalidTokenException.class);
    }

    private static TokenPrincipal onEventLoop(Mono<TokenPrincipal> verification) {
        // Schedulers.parallel() threads are non-blocking, as Netty's event loop is.
        return Mono.defer(() -> verification).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(10));
    }

    private VerificationKeys jwks() {
        return new JwksVerificationKeys(JwtProperties.defaults().withJwksUri(issuer.jwksUri()));
    }

    private VerificationKeys counting(VerificationKeys delegate) {
        return kid -> {
            keyLookups.incrementAndGet();
            @Nullable PublicKey key = delegate.find(kid);
            return key;
        };
    }
}
