package com.northwind.shop.users.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of user-service, under {@code northwind.users}. Secrets (signing keys, client secrets, the bootstrap
 * admin's password) come from the environment only.
 *
 * @param tokens token lifetimes and signing keys
 * @param login failed-login throttling
 * @param serviceClients service clients allowed to get service tokens, by client id: each with its secret (a blank
 *     secret disables the client; env {@code ORDER_SERVICE_CLIENT_SECRET}, {@code PAYMENT_SERVICE_CLIENT_SECRET},
 *     {@code PRODUCT_SERVICE_CLIENT_SECRET}, {@code OPS_CLIENT_SECRET}) and the services it may call
 * @param bootstrapAdmin the administrator created at startup if absent (env {@code BOOTSTRAP_ADMIN_EMAIL},
 *     {@code BOOTSTRAP_ADMIN_PASSWORD}); nobody else can become admin except through an admin
 * @param passwords how many password hashes may run at once
 */
@ConfigurationProperties("northwind.users")
@Validated
public record UsersProperties(
        @Valid Tokens tokens,
        @Valid Login login,
        Map<String, ServiceClient> serviceClients,
        @Nullable BootstrapAdmin bootstrapAdmin,
        @Valid Passwords passwords) {

    /** The shortest service-client secret accepted: 32 characters (about 190 bits when random base64). */
    public static final int MIN_CLIENT_SECRET_LENGTH = 32;

    public UsersProperties {
        tokens = tokens == null ? Tokens.defaults() : tokens;
        login = login == null ? Login.defaults() : login;
        serviceClients = serviceClients == null ? Map.of() : Map.copyOf(serviceClients);
        passwords = passwords == null ? Passwords.defaults() : passwords;
        serviceClients.forEach((client, settings) -> {
            String secret = settings.secret();
            // A blank secret disables the client; a short one is a guessable one and is refused at start-up.
            if (secret != null && !secret.isBlank() && secret.length() < MIN_CLIENT_SECRET_LENGTH) {
                throw new IllegalArgumentException("northwind.users.service-clients." + client + ": the secret has "
                        + secret.length() + " characters; at least " + MIN_CLIENT_SECRET_LENGTH + " are required");
            }
        });
    }

    /**
     * One service client (client credentials grant).
     *
     * @param secret the client's secret, at least {@value #MIN_CLIENT_SECRET_LENGTH} characters; blank disables the
     *     client
     * @param audiences the services it may get tokens for (each token names one as its {@code aud}, and only that
     *     service accepts it); none means it gets no token at all
     */
    public record ServiceClient(@Nullable String secret, Set<String> audiences) {

        public ServiceClient {
            audiences = audiences == null ? Set.of() : Set.copyOf(audiences);
        }

        /** Whether the client is enabled: it has a secret. */
        public boolean enabled() {
            return secret != null && !secret.isBlank();
        }
    }

    /**
     * Password hashing.
     *
     * @param maxConcurrentHashes Argon2id hashes (19 MiB each) allowed to run at once; others wait
     * @param maxWait how long a login or registration waits for a free hash slot before it is answered 503
     */
    public record Passwords(int maxConcurrentHashes, Duration maxWait) {

        public Passwords {
            maxConcurrentHashes = maxConcurrentHashes <= 0
                    ? Math.max(2, Runtime.getRuntime().availableProcessors())
                    : maxConcurrentHashes;
            maxWait = maxWait == null ? Duration.ofSeconds(5) : maxWait;
        }

        /** Every setting at its default. */
        // null is how "not set" reaches the constructor (the binder passes it too), which puts the defaults in.
        @SuppressWarnings("NullAway")
        static Passwords defaults() {
            return new Passwords(0, null);
        }
    }

    /**
     * Tokens.
     *
     * @param accessTokenTtl lifetime of access tokens; at most 15 minutes
     * @param refreshTokenTtl lifetime of a refresh token family's tokens
     * @param refreshFamilyLifetime absolute lifetime of a refresh token family (a session), counted from the login:
     *     refreshing never carries a session past it
     * @param serviceTokenTtl lifetime of service tokens
     * @param activeKeyId the {@code kid} of the key that signs; defaults to the first key
     * @param keys signing keys: the active one and retired ones whose tokens may still be alive (their public halves
     *     stay in the JWKS)
     * @param generateKey generate a throw-away key at startup; allowed only under the {@code local} profile
     */
    public record Tokens(
            Duration accessTokenTtl,
            Duration refreshTokenTtl,
            Duration refreshFamilyLifetime,
            Duration serviceTokenTtl,
            @Nullable String activeKeyId,
            List<@Valid SigningKey> keys,
            boolean generateKey) {

        public Tokens {
            accessTokenTtl = accessTokenTtl == null ? Duration.ofMinutes(15) : accessTokenTtl;
            refreshTokenTtl = refreshTokenTtl == null ? Duration.ofDays(14) : refreshTokenTtl;
            refreshFamilyLifetime = refreshFamilyLifetime == null ? Duration.ofDays(30) : refreshFamilyLifetime;
            serviceTokenTtl = serviceTokenTtl == null ? Duration.ofMinutes(5) : serviceTokenTtl;
            keys = keys == null ? List.of() : List.copyOf(keys);
            if (accessTokenTtl.compareTo(Duration.ofMinutes(15)) > 0 || accessTokenTtl.isNegative()) {
                throw new IllegalArgumentException("northwind.users.tokens.access-token-ttl must be at most 15m");
            }
            if (serviceTokenTtl.compareTo(Duration.ofMinutes(15)) > 0 || serviceTokenTtl.isNegative()) {
                throw new IllegalArgumentException("northwind.users.tokens.service-token-ttl must be at most 15m");
            }
        }

        /** Every setting at its default. */
        // null is how "not set" reaches the constructor (the binder passes it too), which puts the defaults in.
        @SuppressWarnings("NullAway")
        static Tokens defaults() {
            return new Tokens(null, null, null, null, null, null, false);
        }
    }

    /**
     * One RSA signing key, PEM encoded.
     *
     * @param id the key's {@code kid}
     * @param privateKey PKCS#8 PEM of the private key; may be omitted for a retired key, which then only verifies
     * @param publicKey X.509 PEM of the public key; derived from the private key when omitted
     */
    public record SigningKey(
            @NotBlank String id,
            @Nullable String privateKey,
            @Nullable String publicKey) {}

    /**
     * Failed-login throttling, counted in Redis so it holds across instances.
     *
     * @param maxFailuresPerAccount failures per email within the window before logins for it are refused
     * @param maxFailuresPerIp failures per client IP within the window before its logins are refused
     * @param window how long failures are remembered, counted from the first
     */
    public record Login(int maxFailuresPerAccount, int maxFailuresPerIp, Duration window) {

        public Login {
            maxFailuresPerAccount = maxFailuresPerAccount <= 0 ? 5 : maxFailuresPerAccount;
            maxFailuresPerIp = maxFailuresPerIp <= 0 ? 20 : maxFailuresPerIp;
            window = window == null ? Duration.ofMinutes(15) : window;
        }

        /** Every setting at its default. */
        // null is how "not set" reaches the constructor (the binder passes it too), which puts the defaults in.
        @SuppressWarnings("NullAway")
        static Login defaults() {
            return new Login(0, 0, null);
        }
    }

    /**
     * The bootstrap administrator.
     *
     * @param email the admin's email; blank means no bootstrap admin
     * @param password the admin's initial password; must meet the password policy
     * @param name the admin's display name
     */
    public record BootstrapAdmin(
            @Nullable String email,
            @Nullable String password,
            @Nullable String name) {}
}
