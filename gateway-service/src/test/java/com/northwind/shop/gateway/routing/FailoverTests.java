package com.northwind.shop.gateway.routing;

import static com.northwind.shop.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.northwind.shop.gateway.GatewayHttpTests;
import com.northwind.shop.gateway.test.Downstreams;
import com.northwind.shop.platform.test.TestHttp;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** payment-service's two instances are stopped and started here; each test leaves both running. */
class FailoverTests extends GatewayHttpTests {

    @AfterEach
    void restartPayments() {
        Downstreams.PAYMENTS_1.start();
        Downstreams.PAYMENTS_2.start();
        // Both back in rotation before the next test.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Downstreams.PAYMENTS_1.clear();
            Downstreams.PAYMENTS_2.clear();
            for (int i = 0; i < 4; i++) {
                assertThat(getSignedIn("/api/payments").status()).isEqualTo(200);
            }
            assertThat(Downstreams.PAYMENTS_1.requests()).isNotEmpty();
            assertThat(Downstreams.PAYMENTS_2.requests()).isNotEmpty();
        });
    }

    @Test
    void skipsAStoppedInstanceOnceItsHealthCheckFails() {
        Downstreams.PAYMENTS_2.stop();

        // Reads never see the failure: a refused connection is retried on the other instance.
        for (int i = 0; i < 6; i++) {
            assertThat(getSignedIn("/api/payments").status()).isEqualTo(200);
        }
        // After the health-check window, writes (never retried) stop meeting the dead instance too.
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    for (int i = 0; i < 4; i++) {
                        assertThat(pay().status()).isEqualTo(201);
                    }
                });
        Downstreams.PAYMENTS_1.clear();
        for (int i = 0; i < 10; i++) {
            assertThat(getSignedIn("/api/payments").status()).isEqualTo(200);
            assertThat(pay().status()).isEqualTo(201);
        }
        assertThat(Downstreams.PAYMENTS_1.requests()).hasSize(20);
    }

    @Test
    void answersServiceUnavailableWhenNoInstanceIsUp() {
        Downstreams.PAYMENTS_1.stop();
        Downstreams.PAYMENTS_2.stop();

        // At once (refused connections), and after the health checks have emptied the instance list.
        assertUnavailable(getSignedIn("/api/payments?orderId=1"));
        assertUnavailable(pay());
        await().pollDelay(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertUnavailable(getSignedIn("/api/payments?orderId=1"));
            assertUnavailable(pay());
        });
    }

    @Test
    void answersGatewayTimeoutWhenTheServiceIsTooSlow() {
        // payment-service's response timeout is 3 s in tests.
        long started = System.nanoTime();
        TestHttp.Response response = getSignedIn("/api/payments?delayMs=6000");
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertProblem(response, 504);
        assertThat(response.json().path("instance").asString()).isEqualTo("/api/payments");
        assertThat(tookMillis).isLessThan(5500);
    }

    private static void assertUnavailable(TestHttp.Response response) {
        assertProblem(response, 503);
        assertThat(response.json().path("instance").asString()).isEqualTo("/api/payments");
        assertThat(response.header("Retry-After")).isNotBlank();
    }

    private TestHttp.Response pay() {
        return http.send("POST", "/api/payments", "{\"orderId\":\"x\"}", signedInJson());
    }
}
