package com.northwind.shop.users;

import static com.northwind.shop.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.northwind.shop.platform.test.TestHttp;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Throttling with the test settings: 3 failures per account, 6 per IP, a 10-second window (long enough for six 19 MiB hashes on a loaded machine). */
class LoginThrottleTests extends UsersIntegrationTests {

    @Test
    void accountIsThrottledAfterTheThresholdAndFreedAfterTheWindow() throws InterruptedException {
        String email = uniqueEmail();
        newCustomer(email);
        for (int i = 0; i < 3; i++) {
            assertProblem(login(email, "wrong-password-" + i + "-xx", freshIp()), 401);
        }

        // Even the right password, from another address, waits.
        TestHttp.Response throttled = login(email, PASSWORD, freshIp());
        assertProblem(throttled, 429);
        long retryAfter = Long.parseLong(throttled.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 10L);

        Thread.sleep(Duration.ofSeconds(retryAfter).plusMillis(300));
        assertThat(login(email, PASSWORD, freshIp()).status()).isEqualTo(200);
    }

    @Test
    void parallelGuessesCannotRaceTheLimit() throws Exception {
        String email = uniqueEmail();
        newCustomer(email);
        int guesses = 12;
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(guesses)) {
            var latch = new java.util.concurrent.CountDownLatch(1);
            var answers = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < guesses; i++) {
                String password = "wrong-password-" + i + "-xx";
                answers.add(pool.submit(() -> {
                    latch.await();
                    return login(email, password, freshIp()).status();
                }));
            }
            latch.countDown();
            long verified = 0;
            for (var answer : answers) {
                if (answer.get() == 401) {
                    verified++;
                }
            }
            // Limit 3 per account: only three guesses may ever reach the password check.
            assertThat(verified).isEqualTo(3);
        }
    }

    @Test
    void successfulLoginsDoNotCountAgainstTheirAddress() {
        String ip = freshIp();
        String email = uniqueEmail();
        newCustomer(email);
        for (int i = 0; i < 8; i++) {
            assertThat(login(email, PASSWORD, ip).status()).isEqualTo(200);
        }
    }

    @Test
    void clientIpIsThrottledAcrossAccounts() throws Exception {
        // Registered first: its hash must not eat into the window on a loaded machine.
        String email = uniqueEmail();
        newCustomer(email);
        String ip = freshIp();
        // The six failures go out together: each is counted before its hash runs, so the window is not used up by
        // six hashes one after the other.
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(6)) {
            var latch = new java.util.concurrent.CountDownLatch(1);
            var failures = new java.util.ArrayList<java.util.concurrent.Future<TestHttp.Response>>();
            for (int i = 0; i < 6; i++) {
                failures.add(pool.submit(() -> {
                    latch.await();
                    return login(uniqueEmail(), "wrong-password-xx", ip);
                }));
            }
            latch.countDown();
            for (var failure : failures) {
                assertProblem(failure.get(), 401);
            }
        }

        TestHttp.Response throttled = login(email, PASSWORD, ip);

        assertProblem(throttled, 429);
        assertThat(throttled.header("Retry-After")).isNotBlank();
        assertThat(login(email, PASSWORD, freshIp()).status()).isEqualTo(200);
    }
}
