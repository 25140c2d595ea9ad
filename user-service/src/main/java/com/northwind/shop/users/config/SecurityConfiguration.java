package com.northwind.shop.users.config;

import com.northwind.shop.platform.security.servlet.ServiceSecurityRules;
import com.northwind.shop.users.auth.BoundedPasswordEncoder;
import com.northwind.shop.users.auth.SigningKeys;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Who may call what, password hashing and signing keys. The platform's chain does the rest (stateless bearer tokens,
 * 401/403 problems, {@code /internal/**} for service tokens).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    ServiceSecurityRules usersRules() {
        return rules -> rules.requestMatchers(
                        HttpMethod.POST,
                        "/api/auth/register",
                        "/api/auth/login",
                        "/api/auth/refresh",
                        "/api/auth/logout",
                        "/api/auth/token")
                .permitAll()
                .requestMatchers(HttpMethod.GET, "/.well-known/jwks.json")
                .permitAll()
                // Service tokens have no roles, so they cannot reach user endpoints.
                .requestMatchers("/api/users/me")
                .hasAnyRole("CUSTOMER", "ADMIN")
                .requestMatchers("/api/users", "/api/users/**")
                .hasRole("ADMIN");
    }

    /**
     * Argon2id at OWASP's minimum (19 MiB, 2 iterations, 1 lane; Spring's defaults are 16 MiB), via BouncyCastle,
     * with at most {@code northwind.users.passwords.max-concurrent-hashes} hashes running at once. Hashes stored with
     * weaker parameters are rehashed at the next successful login.
     */
    @Bean
    PasswordEncoder passwordEncoder(UsersProperties properties) {
        var passwords = properties.passwords();
        return new BoundedPasswordEncoder(
                new Argon2PasswordEncoder(16, 32, 1, ARGON2_MEMORY_KIB, ARGON2_ITERATIONS),
                passwords.maxConcurrentHashes(),
                passwords.maxWait());
    }

    /** OWASP Password Storage Cheat Sheet: m=19456 (19 MiB), t=2, p=1. */
    static final int ARGON2_MEMORY_KIB = 19 * 1024;

    static final int ARGON2_ITERATIONS = 2;

    /**
     * The signing keys; also the platform verifier's key source here, so user-service verifies its own tokens without
     * fetching its own JWKS.
     */
    @Bean
    SigningKeys signingKeys(UsersProperties properties, Environment environment) {
        return SigningKeys.load(properties.tokens(), environment.matchesProfiles("local"));
    }
}
