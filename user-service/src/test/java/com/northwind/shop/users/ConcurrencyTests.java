package com.northwind.shop.users;

import static org.assertj.core.api.Assertions.assertThat;

import com.northwind.shop.platform.security.JwtProperties;
import com.northwind.shop.platform.security.JwtVerifier;
import com.northwind.shop.platform.security.ServiceTokenClient;
import com.northwind.shop.platform.security.ServiceTokenProperties;
import com.northwind.shop.platform.security.VerificationKeys;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Races that must have exactly one winner, and the platform's service-token client against the real endpoint. */
class ConcurrencyTests extends UsersIntegrationTests {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JwtProperties jwtProperties;

    @Autowired
    VerificationKeys verificationKeys;

    private static List<Integer> race(int n, Callable<Integer> call) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(call));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> future : futures) {
                statuses.add(future.get());
            }
            return statuses;
        }
    }

    @Test
    void concurrentRegistrationsOfOneEmailCreateOneAccount() throws Exception {
        String email = uniqueEmail();

        List<Integer> statuses =
                race(6, () -> register(email, PASSWORD, "Racer").status());

        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM users WHERE email = ?", Integer.class, email))
                .isEqualTo(1);
    }

    @Test
    void concurrentRefreshesOfOneTokenHaveOneWinner() throws Exception {
        String email = uniqueEmail();
        newCustomer(email);
        String refresh = tokens(email, PASSWORD).path("refreshToken").asString();

        List<Integer> statuses = race(
                6,
                () -> post("/api/auth/refresh", "{\"refreshToken\":\"%s\"}".formatted(refresh))
                        .status());

        assertThat(statuses).containsOnly(200, 401);
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
    }

    @Test
    void serviceTokenClientGetsAndCachesAToken() {
        ServiceTokenClient client = new ServiceTokenClient(new ServiceTokenProperties(
                "order-service",
                "test-order-service-secret-of-40-chars-xx",
                URI.create("http://localhost:" + environment.getProperty("local.server.port") + "/api/auth/token"),
                Duration.ofSeconds(30),
                Duration.ofSeconds(2),
                Duration.ofSeconds(5)));

        String token = client.token("product-service");

        assertThat(new JwtVerifier(jwtProperties.withServiceAudience("product-service"), verificationKeys)
                        .verifyServiceToken(token)
                        .subject())
                .isEqualTo("order-service");
        assertThat(client.token("product-service")).isSameAs(token);
        client.invalidate("product-service", "a token refused before this one was issued");
        assertThat(client.token("product-service")).isSameAs(token);
        client.invalidate("product-service", token);
        assertThat(client.token("product-service")).isNotEqualTo(token);
    }
}
