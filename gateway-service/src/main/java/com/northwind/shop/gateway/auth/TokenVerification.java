package com.northwind.shop.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.northwind.shop.platform.security.JwksVerificationKeys;
import com.northwind.shop.platform.security.JwtProperties;
import com.northwind.shop.platform.security.JwtVerifier;
import com.northwind.shop.platform.security.TokenPrincipal;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * How the gateway verifies access tokens cheaply: a token verified once is remembered (bounded, never past its
 * {@code exp}), a token whose key is in memory is verified on the event loop, and only a token with a key not yet
 * seen waits on a blocking thread for the JWKS.
 */
@Configuration(proxyBeanMethods = false)
class TokenVerification {

    /** Most verified tokens remembered; the least recently used go first. */
    static final int MAX_TOKENS = 100_000;

    @Bean
    CachedVerificationKeys gatewayVerificationKeys(JwtProperties properties) {
        Duration refresh = properties.jwksCacheTtl().dividedBy(2);
        return new CachedVerificationKeys(
                new JwksVerificationKeys(properties), refresh.isZero() ? Duration.ofSeconds(1) : refresh);
    }

    @Bean
    VerifiedTokens verifiedTokens(JwtVerifier verifier, Clock clock) {
        return new VerifiedTokens(verifier, clock, MAX_TOKENS);
    }

    /** Access tokens verified with the platform's {@link JwtVerifier}, remembered until they expire. */
    static final class VerifiedTokens {

        private final JwtVerifier verifier;
        private final Clock clock;
        private final Cache<String, TokenPrincipal> verified;

        VerifiedTokens(JwtVerifier verifier, Clock clock, int maxTokens) {
            this.verifier = verifier;
            this.clock = clock;
            this.verified = Caffeine.newBuilder()
                    .maximumSize(maxTokens)
                    .expireAfter(Expiry.<String, TokenPrincipal>creating(
                            (token, principal) -> Duration.between(clock.instant(), principal.expiresAt())))
                    .build();
        }

        /** The token's principal; fails with the platform's {@code InvalidTokenException} for a bad token. */
        Mono<TokenPrincipal> verify(String token) {
            TokenPrincipal known = verified.getIfPresent(token);
            if (known != null && known.expiresAt().isAfter(clock.instant())) {
                return Mono.just(known);
            }
            try {
                return Mono.just(remember(token, verifier.verifyAccessToken(token)));
            } catch (CachedVerificationKeys.KeyNotCached ex) {
                return Mono.fromCallable(() -> remember(token, verifier.verifyAccessToken(token)))
                        .subscribeOn(Schedulers.boundedElastic());
            } catch (RuntimeException ex) {
                return Mono.error(ex);
            }
        }

        private TokenPrincipal remember(String token, TokenPrincipal principal) {
            verified.put(token, principal);
            return principal;
        }
    }
}
