package com.northwind.shop.users.auth;

import com.northwind.shop.users.account.AccountService;
import com.northwind.shop.users.account.Credentials;
import com.northwind.shop.users.account.CredentialsChanged;
import com.northwind.shop.users.account.Emails;
import com.northwind.shop.users.config.UsersProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Login, refresh-token rotation with reuse detection, logout and service tokens. */
@Service
public class AuthService {

    private final AccountService accounts;
    private final PasswordEncoder passwords;
    private final RefreshTokens refreshTokens;
    private final TokenIssuer issuer;
    private final LoginThrottle throttle;
    private final UsersProperties properties;
    private final Clock clock;
    private final String dummyHash;

    AuthService(
            AccountService accounts,
            PasswordEncoder passwords,
            RefreshTokens refreshTokens,
            TokenIssuer issuer,
            LoginThrottle throttle,
            UsersProperties properties,
            Clock clock) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.refreshTokens = refreshTokens;
        this.issuer = issuer;
        this.throttle = throttle;
        this.properties = properties;
        this.clock = clock;
        // Unknown emails are checked against this hash, so they take as long as wrong passwords.
        this.dummyHash = passwords.encode(UUID.randomUUID().toString());
    }

    /**
     * Checks credentials and starts a new session (refresh token family). Unknown email, wrong password and disabled
     * account look the same to the caller.
     */
    public TokenResponse login(LoginRequest request, String clientIp) {
        String email = Emails.normalise(request.email());
        // Counted before the hash is checked, so parallel guesses cannot all slip under the limit.
        throttle.attempt(email, clientIp).ifPresent(wait -> {
            throw AuthException.throttled(wait);
        });
        Optional<Credentials> found = accounts.credentialsByEmail(email);
        boolean matches = passwords.matches(
                request.password(), found.map(Credentials::passwordHash).orElse(dummyHash));
        if (found.isEmpty() || !matches || !found.get().active()) {
            throw AuthException.invalidCredentials();
        }
        throttle.recordSuccess(email, clientIp);
        Credentials user = found.get();
        if (passwords.upgradeEncoding(user.passwordHash())) {
            // Stored with weaker parameters than today's: the password is at hand only now, so rehash it now.
            accounts.rehashPassword(user.userId(), passwords.encode(request.password()));
        }
        Instant now = clock.instant();
        return issue(user, UUID.randomUUID(), now.plus(properties.tokens().refreshFamilyLifetime()));
    }

    /**
     * Rotates a refresh token: the presented one dies and the family continues with a new one. A token that was
     * already rotated is a replay: the whole family is revoked (its revocation commits although the call fails).
     */
    @Transactional(noRollbackFor = AuthException.class)
    public TokenResponse refresh(String refreshToken) {
        Instant now = clock.instant();
        Optional<RefreshTokens.Rotation> rotation = refreshTokens.use(refreshToken, now);
        if (rotation.isEmpty()) {
            refreshTokens.familyOfUsed(refreshToken).ifPresent(family -> refreshTokens.revokeFamily(family, now));
            throw AuthException.invalidRefreshToken();
        }
        Credentials user = accounts.credentialsById(rotation.get().userId()).orElse(null);
        if (user == null || !user.active()) {
            refreshTokens.revokeFamily(rotation.get().familyId(), now);
            throw AuthException.invalidRefreshToken();
        }
        return issue(user, rotation.get().familyId(), rotation.get().familyExpiresAt());
    }

    /** Ends the session the refresh token belongs to; unknown tokens are ignored. */
    @Transactional
    public void logout(String refreshToken) {
        refreshTokens.familyOf(refreshToken).ifPresent(family -> refreshTokens.revokeFamily(family, clock.instant()));
    }

    /**
     * A short-lived {@code internal} token for a configured service client, for calls to one of the services it is
     * configured to call (the token's only {@code aud}). Attempts are throttled like logins (per
     * client id and per address), counted before the secret is compared.
     */
    public TokenResponse serviceToken(ServiceTokenRequest request, String clientIp) {
        throttle.attemptClient(request.clientId(), clientIp).ifPresent(wait -> {
            throw AuthException.throttled(wait);
        });
        UsersProperties.ServiceClient client = properties.serviceClients().get(request.clientId());
        String secret = client == null ? null : client.secret();
        // Compare digests in constant time; an unknown client is compared against a blank digest all the same.
        byte[] expected = sha256(secret == null ? "" : secret);
        boolean matches = MessageDigest.isEqual(expected, sha256(request.clientSecret()));
        if (client == null || !client.enabled() || !matches) {
            throw AuthException.invalidClient();
        }
        throttle.recordClientSuccess(request.clientId(), clientIp);
        // A token for one callee only, and only for a callee this client is configured to call.
        if (!client.audiences().contains(request.audience())) {
            throw AuthException.invalidTarget();
        }
        var ttl = properties.tokens().serviceTokenTtl();
        return TokenResponse.of(
                issuer.serviceToken(request.clientId(), request.audience(), ttl), null, ttl.toSeconds());
    }

    @EventListener
    void onCredentialsChanged(CredentialsChanged event) {
        refreshTokens.revokeAllOf(event.userId(), clock.instant());
    }

    private TokenResponse issue(Credentials user, UUID familyId, Instant familyExpiresAt) {
        Instant now = clock.instant();
        var tokens = properties.tokens();
        String refresh =
                refreshTokens.issue(user.userId(), familyId, now, now.plus(tokens.refreshTokenTtl()), familyExpiresAt);
        String access = issuer.accessToken(
                user.userId(), user.roles().stream().map(Enum::name).sorted().toList(), tokens.accessTokenTtl());
        return TokenResponse.of(access, refresh, tokens.accessTokenTtl().toSeconds());
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
