package com.northwind.shop.users;

import static com.northwind.shop.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.northwind.shop.platform.security.InvalidTokenException;
import com.northwind.shop.platform.security.JwtProperties;
import com.northwind.shop.platform.security.JwtVerifier;
import com.northwind.shop.platform.security.TokenPrincipal;
import com.northwind.shop.platform.security.VerificationKeys;
import com.northwind.shop.platform.test.TestHttp;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AuthFlowTests extends UsersIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JwtVerifier verifier;

    @Autowired
    JwtProperties jwtProperties;

    @Autowired
    VerificationKeys verificationKeys;

    private TestHttp.Response refresh(String refreshToken) {
        return post("/api/auth/refresh", "{\"refreshToken\":\"%s\"}".formatted(refreshToken));
    }

    @Test
    void registerLoginMeRefreshReuseAndLogout() {
        String email = uniqueEmail();
        TestHttp.Response registered = register(email.toUpperCase(), PASSWORD, "Ada Lovelace");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        JsonNode user = registered.json();
        assertThat(user.path("email").asString()).isEqualTo(email);
        assertThat(user.path("roles").toString()).isEqualTo("[\"CUSTOMER\"]");
        assertThat(registered.body()).doesNotContain("password");

        JsonNode login = tokens(email, PASSWORD);
        assertThat(login.path("tokenType").asString()).isEqualTo("Bearer");
        assertThat(login.path("expiresIn").asLong()).isBetween(1L, 900L);
        String access = login.path("accessToken").asString();
        String firstRefresh = login.path("refreshToken").asString();
        assertThat(Base64.getUrlDecoder().decode(firstRefresh)).hasSizeGreaterThanOrEqualTo(32);

        TestHttp.Response me = send("GET", "/api/users/me", null, access);
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().path("id").asString()).isEqualTo(user.path("id").asString());
        assertThat(me.json().path("name").asString()).isEqualTo("Ada Lovelace");

        TestHttp.Response rotated = refresh(firstRefresh);
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String secondRefresh = rotated.json().path("refreshToken").asString();
        assertThat(secondRefresh).isNotEqualTo(firstRefresh);
        assertThat(send(
                                "GET",
                                "/api/users/me",
                                null,
                                rotated.json().path("accessToken").asString())
                        .status())
                .isEqualTo(200);

        // The rotated token is dead; presenting it again is a replay that ends the whole family.
        JsonNode replay = assertProblem(refresh(firstRefresh), 401);
        assertThat(replay.path("type").asString()).isEqualTo("urn:northwind:problem:invalid-refresh-token");
        assertProblem(refresh(secondRefresh), 401);

        // A new session, ended by logout.
        String third = tokens(email, PASSWORD).path("refreshToken").asString();
        TestHttp.Response logout = post("/api/auth/logout", "{\"refreshToken\":\"%s\"}".formatted(third));
        assertThat(logout.status()).isEqualTo(204);
        assertProblem(refresh(third), 401);
    }

    @Test
    void storesOnlyHashesOfRefreshTokens() {
        String email = uniqueEmail();
        UUID id = newCustomer(email);
        String refresh = tokens(email, PASSWORD).path("refreshToken").asString();

        Integer plain =
                jdbc.queryForObject("SELECT count(*) FROM refresh_tokens WHERE token_hash = ?", Integer.class, refresh);
        Integer stored =
                jdbc.queryForObject("SELECT count(*) FROM refresh_tokens WHERE user_id = ?", Integer.class, id);
        assertThat(plain).isZero();
        assertThat(stored).isEqualTo(1);
    }

    @Test
    void accessTokenCarriesTheRequiredClaims() {
        String email = uniqueEmail();
        UUID id = newCustomer(email);
        String access = accessToken(email, PASSWORD);

        String[] parts = access.split("\\.");
        JsonNode header = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
        JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        assertThat(header.path("alg").asString()).isEqualTo("RS256");
        assertThat(header.path("kid").asString()).isEqualTo("test-new");
        assertThat(header.path("typ").asString()).isEqualTo("at+jwt");
        assertThat(claims.path("iss").asString()).isEqualTo("northwind-shop");
        assertThat(claims.path("aud").toString()).contains("northwind-shop");
        assertThat(claims.path("sub").asString()).isEqualTo(id.toString());
        assertThat(claims.path("token_type").asString()).isEqualTo("access");
        assertThat(claims.path("jti").asString()).isNotBlank();
        assertThat(claims.path("nbf").asLong()).isEqualTo(claims.path("iat").asLong());
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isBetween(1L, 900L);
        TokenPrincipal principal = verifier.verifyAccessToken(access);
        assertThat(principal.roles()).containsExactly("CUSTOMER");
    }

    @Test
    void unknownEmailAndWrongPasswordLookTheSame() {
        String email = uniqueEmail();
        newCustomer(email);

        JsonNode wrongPassword = assertProblem(login(email, "not-the-password-123", freshIp()), 401);
        JsonNode unknownEmail = assertProblem(login(uniqueEmail(), "not-the-password-123", freshIp()), 401);

        assertThat(unknownEmail.path("type").asString())
                .isEqualTo(wrongPassword.path("type").asString());
        assertThat(unknownEmail.path("detail").asString())
                .isEqualTo(wrongPassword.path("detail").asString());
    }

    @Test
    void loginIgnoresEmailCase() {
        String email = uniqueEmail();
        newCustomer(email);

        assertThat(login(email.toUpperCase(), PASSWORD, freshIp()).status()).isEqualTo(200);
    }

    @Test
    void passwordChangeEndsEverySession() {
        String email = uniqueEmail();
        newCustomer(email);
        JsonNode session = tokens(email, PASSWORD);
        String access = session.path("accessToken").asString();

        JsonNode wrong = assertProblem(
                send(
                        "PATCH",
                        "/api/users/me",
                        "{\"currentPassword\":\"wrong-password-1234\",\"newPassword\":\"another-long-passphrase\"}",
                        access),
                400);
        assertThat(wrong.path("errors").findValuesAsString("field")).containsExactly("currentPassword");

        TestHttp.Response changed = send(
                "PATCH",
                "/api/users/me",
                "{\"name\":\"Renamed\",\"currentPassword\":\"%s\",\"newPassword\":\"another-long-passphrase\"}"
                        .formatted(PASSWORD),
                access);
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().path("name").asString()).isEqualTo("Renamed");

        assertProblem(refresh(session.path("refreshToken").asString()), 401);
        assertProblem(login(email, PASSWORD, freshIp()), 401);
        assertThat(login(email, "another-long-passphrase", freshIp()).status()).isEqualTo(200);
    }

    @Test
    void disabledUserCannotLogInOrRefresh() {
        String email = uniqueEmail();
        UUID id = newCustomer(email);
        String refresh = tokens(email, PASSWORD).path("refreshToken").asString();
        String admin = accessToken(ADMIN_EMAIL, ADMIN_PASSWORD);

        TestHttp.Response disabled = send("POST", "/api/users/" + id + "/disable", null, admin);
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.json().path("status").asString()).isEqualTo("DISABLED");

        assertProblem(login(email, PASSWORD, freshIp()), 401);
        assertProblem(refresh(refresh), 401);
    }

    @Test
    void refreshTokenIsNoAccessToken() {
        String email = uniqueEmail();
        newCustomer(email);
        String refresh = tokens(email, PASSWORD).path("refreshToken").asString();

        assertProblem(send("GET", "/api/users/me", null, refresh), 401);
    }

    @Test
    void serviceClientsGetInternalTokensForTheServicesTheyCall() {
        TestHttp.Response issued = post(
                "/api/auth/token",
                "{\"clientId\":\"order-service\",\"clientSecret\":\"test-order-service-secret-of-40-chars-xx\","
                        + "\"audience\":\"product-service\"}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        assertThat(issued.json().has("refreshToken")).isFalse();
        String token = issued.json().path("accessToken").asString();
        TokenPrincipal principal = verifierAt("product-service").verifyServiceToken(token);
        assertThat(principal.subject()).isEqualTo("order-service");
        assertThat(principal.scopes()).containsExactly("internal");
        // Issued for product-service: no other service takes it.
        assertThatThrownBy(() -> verifierAt("payment-service").verifyServiceToken(token))
                .isInstanceOf(InvalidTokenException.class);

        // A service token speaks for no user.
        assertProblem(send("GET", "/api/users/me", null, token), 401);
        assertProblem(
                post(
                        "/api/auth/token",
                        "{\"clientId\":\"order-service\",\"clientSecret\":\"guess-guess-guess\","
                                + "\"audience\":\"product-service\"}"),
                401);
        assertProblem(
                post(
                        "/api/auth/token",
                        "{\"clientId\":\"payment-service\",\"clientSecret\":\"\",\"audience\":\"order-service\"}"),
                400);
        assertProblem(
                post(
                        "/api/auth/token",
                        "{\"clientId\":\"payment-service\",\"clientSecret\":\"anything-at-all\","
                                + "\"audience\":\"order-service\"}"),
                401);
        assertProblem(
                post(
                        "/api/auth/token",
                        "{\"clientId\":\"evil-service\",\"clientSecret\":\"x\",\"audience\":\"order-service\"}"),
                401);
    }

    @Test
    void aServiceClientGetsNoTokenForAServiceItDoesNotCall() {
        String secret = "test-order-service-secret-of-40-chars-xx";
        for (String audience : List.of("payment-service", "user-service", "northwind-shop")) {
            assertProblem(
                    post(
                            "/api/auth/token",
                            "{\"clientId\":\"order-service\",\"clientSecret\":\"%s\",\"audience\":\"%s\"}"
                                    .formatted(secret, audience)),
                    403);
        }
        // No audience, no token: one that every service accepted would undo the per-service audiences.
        assertProblem(
                post("/api/auth/token", "{\"clientId\":\"order-service\",\"clientSecret\":\"%s\"}".formatted(secret)),
                400);
    }

    private JwtVerifier verifierAt(String service) {
        return new JwtVerifier(jwtProperties.withServiceAudience(service), verificationKeys);
    }

    @Test
    void serviceTokenFailuresAreThrottled() {
        String ip = freshIp();
        String wrong = "{\"clientId\":\"product-service\",\"clientSecret\":\"a-wrong-guess-of-the-secret-xxxxxxxx\","
                + "\"audience\":\"order-service\"}";
        for (int i = 0; i < 3; i++) {
            assertProblem(post("/api/auth/token", wrong, java.util.Map.of("X-Forwarded-For", ip)), 401);
        }
        TestHttp.Response throttled = post(
                "/api/auth/token",
                "{\"clientId\":\"product-service\",\"clientSecret\":\"test-product-service-secret-of-40-chars\","
                        + "\"audience\":\"order-service\"}",
                java.util.Map.of("X-Forwarded-For", freshIp()));
        assertProblem(throttled, 429);
        assertThat(throttled.header("Retry-After")).isNotBlank();
    }

    @Test
    void refreshNeverCarriesASessionPastItsAbsoluteLifetime() {
        String email = uniqueEmail();
        UUID id = newCustomer(email);
        String first = tokens(email, PASSWORD).path("refreshToken").asString();
        java.sql.Timestamp familyEnd = jdbc.queryForObject(
                "SELECT family_expires_at FROM refresh_tokens WHERE user_id = ?", java.sql.Timestamp.class, id);
        // Default: 30 days from the login.
        assertThat(familyEnd.toInstant())
                .isBetween(
                        java.time.Instant.now()
                                .plus(java.time.Duration.ofDays(30))
                                .minusSeconds(60),
                        java.time.Instant.now().plus(java.time.Duration.ofDays(30)));

        TestHttp.Response rotated = refresh(first);
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        // The next token inherits the family's end instead of extending it.
        assertThat(jdbc.queryForList(
                        "SELECT DISTINCT family_expires_at FROM refresh_tokens WHERE user_id = ?",
                        java.sql.Timestamp.class,
                        id))
                .containsExactly(familyEnd);

        // Once the family's end has passed, a still-unexpired token is refused.
        jdbc.update("UPDATE refresh_tokens SET family_expires_at = now() - interval '1 second' WHERE user_id = ?", id);
        assertProblem(refresh(rotated.json().path("refreshToken").asString()), 401);
    }

    @Test
    void hashesWithOlderParametersAreUpgradedAtLogin() {
        String email = uniqueEmail();
        UUID id = newCustomer(email);
        assertThat(passwordHash(id)).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        // As stored before the upgrade: Spring's 16 MiB defaults.
        jdbc.update(
                "UPDATE users SET password_hash = ? WHERE id = ?",
                org.springframework.security.crypto.argon2.Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8()
                        .encode(PASSWORD),
                id);
        assertThat(passwordHash(id)).contains("m=16384");

        tokens(email, PASSWORD);

        assertThat(passwordHash(id)).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        tokens(email, PASSWORD);
    }

    private String passwordHash(UUID id) {
        return jdbc.queryForObject("SELECT password_hash FROM users WHERE id = ?", String.class, id);
    }
}
