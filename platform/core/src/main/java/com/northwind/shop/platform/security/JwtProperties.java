package com.northwind.shop.platform.security;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How services verify tokens, under {@code northwind.security.jwt}. The defaults fit a local run where user-service
 * listens on port 8081; deployments set {@code JWT_ISSUER}, {@code JWT_AUDIENCE} and {@code JWT_JWKS_URI}.
 *
 * @param issuer the required {@code iss} claim
 * @param audience the required {@code aud} claim
 * @param jwksUri where user-service publishes its public keys (JWKS)
 * @param clockSkew tolerance for {@code exp}/{@code nbf}/{@code iat} between machines; at most 30 seconds
 * @param jwksCacheTtl how long fetched keys are used before the JWKS is fetched again
 * @param jwksRefetchInterval the least time between two fetches triggered by an unknown {@code kid}, so that forged
 *     {@code kid}s cannot make a service hammer user-service
 * @param connectTimeout connect timeout of the JWKS fetch
 * @param readTimeout timeout of the whole JWKS fetch after connecting
 * @param serviceAudience the {@code aud} a service token must carry to be accepted here: this service's name
 *     ({@code spring.application.name} unless {@code JWT_SERVICE_AUDIENCE} says otherwise), so that a token issued for
 *     calls to one service is refused by every other; blank means no service token is accepted (the gateway)
 */
@ConfigurationProperties("northwind.security.jwt")
public record JwtProperties(
        String issuer,
        String audience,
        URI jwksUri,
        Duration clockSkew,
        Duration jwksCacheTtl,
        Duration jwksRefetchInterval,
        Duration connectTimeout,
        Duration readTimeout,
        @Nullable String serviceAudience) {

    /** The issuer and audience of every Northwind Shop token unless configured otherwise. */
    public static final String DEFAULT_ISSUER = "northwind-shop";

    public static final String DEFAULT_AUDIENCE = "northwind-shop";

    public static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(30);

    public JwtProperties {
        issuer = issuer == null || issuer.isBlank() ? DEFAULT_ISSUER : issuer;
        audience = audience == null || audience.isBlank() ? DEFAULT_AUDIENCE : audience;
        jwksUri = jwksUri == null ? URI.create("http://localhost:8081/.well-known/jwks.json") : jwksUri;
        clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
        if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new IllegalArgumentException("northwind.security.jwt.clock-skew must be between 0 and 30s");
        }
        jwksCacheTtl = jwksCacheTtl == null ? Duration.ofMinutes(10) : jwksCacheTtl;
        jwksRefetchInterval = jwksRefetchInterval == null ? Duration.ofSeconds(30) : jwksRefetchInterval;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(3) : readTimeout;
        serviceAudience = serviceAudience == null || serviceAudience.isBlank() ? null : serviceAudience.trim();
    }

    /** Defaults for everything: a local run. */
    @SuppressWarnings("NullAway")
    public static JwtProperties defaults() {
        return new JwtProperties(null, null, null, null, null, null, null, null, null);
    }

    /** The same settings with another JWKS location. */
    public JwtProperties withJwksUri(URI uri) {
        return new JwtProperties(
                issuer,
                audience,
                uri,
                clockSkew,
                jwksCacheTtl,
                jwksRefetchInterval,
                connectTimeout,
                readTimeout,
                serviceAudience);
    }

    /** The same settings, accepting service tokens issued for calls to the given service. */
    public JwtProperties withServiceAudience(@Nullable String service) {
        return new JwtProperties(
                issuer,
                audience,
                jwksUri,
                clockSkew,
                jwksCacheTtl,
                jwksRefetchInterval,
                connectTimeout,
                readTimeout,
                service);
    }
}
