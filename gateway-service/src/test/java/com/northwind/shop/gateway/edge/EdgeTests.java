package com.northwind.shop.gateway.edge;

import static com.northwind.shop.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.northwind.shop.gateway.GatewayHttpTests;
import com.northwind.shop.gateway.test.Downstreams;
import com.northwind.shop.gateway.test.FakeService;
import com.northwind.shop.platform.test.TestHttp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EdgeTests extends GatewayHttpTests {

    @Test
    void neverLetsAClientSpeakForAUser() {
        Map<String, String> spoofed = Map.of(
                "X-User-Id", "00000000-0000-0000-0000-000000000001",
                "X-User-Roles", "ADMIN",
                "X-Roles", "ADMIN",
                "X-Internal-Token", "let-me-in",
                "X-Forwarded-User", "admin",
                "Forwarded", "for=10.0.0.1;by=10.0.0.2");
        String marker = UUID.randomUUID().toString();
        Map<String, String> headers = new HashMap<>(spoofed);
        headers.put("X-Request-Id", marker);

        assertThat(http.send("GET", "/api/products", null, headers).status()).isEqualTo(200);

        FakeService.Received received = receivedWithRequestId(marker);
        assertThat(received.headers().keySet())
                .noneMatch(name -> name.startsWith("x-user") || name.startsWith("x-internal"))
                .doesNotContain("x-roles", "x-forwarded-user", "forwarded");
    }

    @Test
    void propagatesRequestIdAndTraceContext() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String traceparent = "00-" + traceId + "-00f067aa0ba902b7-01";
        String requestId = "client-chosen-" + UUID.randomUUID();

        TestHttp.Response response = http.send(
                "GET", "/api/products/1", null, Map.of("X-Request-Id", requestId, "traceparent", traceparent));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("X-Request-Id")).isEqualTo(requestId);
        FakeService.Received received = receivedWithRequestId(requestId);
        assertThat(received.header("traceparent")).startsWith("00-" + traceId + "-");
    }

    @Test
    void generatesARequestIdWhenTheClientSentNoneOrAnUnsafeOne() {
        TestHttp.Response none = http.get("/api/categories");
        String generated = none.header("X-Request-Id");
        assertThat(generated).matches("[0-9a-f-]{36}");
        assertThat(receivedWithRequestId(generated).path()).isEqualTo("/api/categories");

        TestHttp.Response unsafe =
                http.send("GET", "/api/categories", null, Map.of("X-Request-Id", "<script>alert(1)</script>"));
        assertThat(unsafe.header("X-Request-Id")).matches("[0-9a-f-]{36}");

        TestHttp.Response error = http.get("/no/such/path");
        assertThat(error.header("X-Request-Id")).isNotBlank();
    }

    @Test
    void forwardsTheClientAddressItResolvedNotTheOneClaimed() {
        String marker = UUID.randomUUID().toString();
        // The test client is a trusted proxy (loopback), so its X-Forwarded-For names the client.
        http.send("GET", "/api/products", null, Map.of("X-Forwarded-For", "203.0.113.7", "X-Request-Id", marker));
        assertThat(receivedWithRequestId(marker).header("x-forwarded-for")).isEqualTo("203.0.113.7");
    }

    @Test
    void setsSecurityHeadersOnProxiedAndOwnResponses() {
        for (TestHttp.Response response : List.of(http.get("/api/products"), http.get("/no/such/path"))) {
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(response.header("Content-Security-Policy")).contains("default-src 'none'");
            assertThat(response.header("Strict-Transport-Security")).startsWith("max-age=");
            assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
        }
    }

    @Test
    void answersPreflightsForAllowedOriginsAtTheEdge() {
        int before = Downstreams.PRODUCTS_1.requests().size()
                + Downstreams.PRODUCTS_2.requests().size();
        TestHttp.Response preflight = http.send(
                "OPTIONS",
                "/api/products",
                null,
                Map.of(
                        "Origin", Downstreams.ALLOWED_ORIGIN,
                        "Access-Control-Request-Method", "POST",
                        "Access-Control-Request-Headers", "Authorization, Content-Type, Idempotency-Key"));

        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(Downstreams.ALLOWED_ORIGIN);
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");
        assertThat(preflight.header("Access-Control-Allow-Headers").toLowerCase())
                .contains("authorization", "idempotency-key");
        assertThat(Downstreams.PRODUCTS_1.requests().size()
                        + Downstreams.PRODUCTS_2.requests().size())
                .isEqualTo(before);

        TestHttp.Response actual =
                http.send("GET", "/api/products", null, Map.of("Origin", Downstreams.ALLOWED_ORIGIN));
        assertThat(actual.status()).isEqualTo(200);
        assertThat(actual.header("Access-Control-Allow-Origin")).isEqualTo(Downstreams.ALLOWED_ORIGIN);
        assertThat(actual.header("Access-Control-Expose-Headers")).contains("X-Request-Id");
    }

    @Test
    void refusesPreflightsFromOtherOrigins() {
        TestHttp.Response preflight = http.send(
                "OPTIONS",
                "/api/orders",
                null,
                Map.of("Origin", "https://evil.example", "Access-Control-Request-Method", "POST"));

        assertProblem(preflight, 403);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
        assertThat(http.send(
                                "POST",
                                "/api/orders",
                                "{}",
                                Map.of("Origin", "https://evil.example", "Content-Type", "application/json"))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void rejectsOversizedBodiesBeforeTheyReachAService() {
        Downstreams.PRODUCTS_1.clear();
        Downstreams.PRODUCTS_2.clear();
        String body = "{\"name\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}";

        assertProblem(http.send("POST", "/api/products", body, Map.of("Content-Type", "application/json")), 413);
        assertThat(Downstreams.PRODUCTS_1.requests()).isEmpty();
        assertThat(Downstreams.PRODUCTS_2.requests()).isEmpty();
    }

    @Test
    void answersATooLongRequestLineWithAProblem() {
        assertProblem(http.get("/api/products?q=" + "a".repeat(16 * 1024)), 414);
    }

    @Test
    void answersTooLargeHeadersWithAProblem() {
        assertProblem(http.send("GET", "/api/products", null, Map.of("X-Padding", "a".repeat(32 * 1024))), 431);
    }

    private static FakeService.Received receivedWithRequestId(String requestId) {
        return Downstreams.everyRequest()
                .filter(r -> requestId.equals(r.header("x-request-id")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no service received request " + requestId));
    }
}
