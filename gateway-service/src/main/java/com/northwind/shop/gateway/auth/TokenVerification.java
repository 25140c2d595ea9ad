package com.northwind.shop.gateway.auth;

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
 * How the gateway verifies access tokens cheaply: a token verified once is remembered (the platform's
 * {@link JwtVerifier}, here with room for {@value #MAX_TOKENS}, never past its {@code exp}), a token whose key is in
 * memory is verified on the event loop, and only a token with a key not yet seen waits on a blocking thread for the
 * JWKS.
 */
@Configuration(proxyBeanMethods = false)
class TokenVerification {

    /** Most verified tokens remembered (Caffeine evicts those least likely to be used again). */
    static final int MAX_TOKENS = 100_000;

    @Bean
    CachedVerificationKeys gatewayVerificationKeys(JwtProperties properties) {
        Duration refresh = properties.jwksCacheTtl().dividedBy(2);
        return new CachedVerificationKeys(
                new JwksVerificationKeys(properties), refresh.isZero() ? Duration.ofSeconds(1) : refresh);
    }

    @Bean
    JwtVerifier gatewayJwtVerifier(JwtProperties properties, CachedVerificationKeys keys, Clock clock) {
        return new JwtVerifier(properties, keys, clock, MAX_TOKENS);
    }

    @Bean
    VerifiedTokens verifiedTokens(JwtVerifier verifier) {
        return new VerifiedTokens(verifier);
    }

    /** Access tokens verified with the platform's {@link JwtVerifier}, which remembers them until they expire. */
    static final class VerifiedTokens {

        private final JwtVerifier verifier;

        VerifiedTokens(JwtVerifier verifier) {
            this.verifier = verifier;
        }

        /** The token's principal; fails with the platform's {@code InvalidTokenException} for a bad token. */
        Mono<TokenPrincipal> verify(String token) {
            try {
                return Mono.just(verifier.verifyAccessToken(token));
            } catch (CachedVerificationKeys.KeyNotCached ex) {
                return Mono.fromCallable(() -> verifier.verifyAccessToken(token))
                        .subscribeOn(Schedulers.boundedElastic());
            } catch (RuntimeException ex) {
                return Mono.error(ex);
            }
        }
    }
}
