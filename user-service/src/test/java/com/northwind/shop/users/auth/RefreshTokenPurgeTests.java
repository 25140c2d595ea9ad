package com.northwind.shop.users.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.northwind.shop.platform.test.RealInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
@ActiveProfiles("test")
class RefreshTokenPurgeTests {

    @Autowired
    RefreshTokens tokens;

    @Autowired
    RefreshTokenPurge purge;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void deletesOnlyTokensExpiredLongerThanTheGrace() {
        UUID userId = UUID.randomUUID();
        jdbc.update(
                "INSERT INTO users (id, email, name, password_hash) VALUES (?, ?, 'Purge', 'x')",
                userId,
                "purge-" + userId + "@example.com");
        Instant now = Instant.now();
        String longExpired = tokens.issue(
                userId,
                UUID.randomUUID(),
                now.minus(Duration.ofDays(20)),
                now.minus(Duration.ofDays(2)),
                now.plus(Duration.ofDays(30)));
        String recentlyExpired = tokens.issue(
                userId,
                UUID.randomUUID(),
                now.minus(Duration.ofDays(15)),
                now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(30)));
        String live = tokens.issue(
                userId, UUID.randomUUID(), now, now.plus(Duration.ofDays(14)), now.plus(Duration.ofDays(30)));

        assertThat(purge.purge()).isGreaterThanOrEqualTo(1);

        assertThat(tokens.familyOf(longExpired)).isEmpty();
        assertThat(tokens.familyOf(recentlyExpired)).isPresent();
        assertThat(tokens.familyOf(live)).isPresent();
    }
}
