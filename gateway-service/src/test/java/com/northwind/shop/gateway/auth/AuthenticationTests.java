package com.northwind.shop.gateway.auth;

import static com.northwind.shop.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.northwind.shop.gateway.GatewayHttpTests;
import com.northwind.shop.gateway.test.Downstreams;
import com.northwind.shop.platform.test.TestHttp;
import com.northwind.shop.platform.test.TestTokens;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AuthenticationTests extends GatewayHttpTests {

    @Test
    void refusesProtectedRoutesWithoutATokenBeforeAnyServiceSeesThem() {
        Downstreams.ORDERS.clear();
        Downstreams.USERS.clear();
        for (String path : List.of("/api/orders", "/api/cart", "/api/users/me", "/api/payments?orderId=1")) {
            TestHttp.Response response = http.get(path);
            assertProblem(response, 401);
            assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
        }
        assertProblem(http.send("POST", "/api/products", "{}", Map.of("Content-Type", "application/json")), 401);
        // A client of its own: other tests' sign-ins from the default address may have spent the auth bucket (429).
        Map<String, String> ownClient = new java.util.HashMap<>(asClient("203.0.113.77"));
        ownClient.put("Content-Type", "application/json");
        assertProblem(http.send("POST", "/api/auth/logout", "{}", ownClient), 401);
        assertThat(Downstreams.ORDERS.requests()).isEmpty();
        assertThat(Downstreams.USERS.requests()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestTokens.BadToken.class)
    void refusesEveryKindOfBadToken(TestTokens.BadToken kind) {
        String token = TestTokens.get().bad(kind, UUID.randomUUID());
        TestHttp.Response response = http.send("GET", "/api/orders", null, Map.of("Authorization", "Bearer " + token));

        assertProblem(response, 401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void refusesMalformedAuthorizationHeaders() {
        String valid = TestTokens.get().accessToken(UUID.randomUUID(), "CUSTOMER");
        for (String header : List.of("Basic dXNlcjpwYXNz", "Bearer", "Bearer " + valid + " extra", valid)) {
            assertProblem(http.send("GET", "/api/orders", null, Map.of("Authorization", header)), 401);
        }
    }

    @Test
    void neverTakesATokenFromTheQueryString() {
        String valid = TestTokens.get().accessToken(UUID.randomUUID(), "CUSTOMER");
        assertProblem(http.get("/api/orders?access_token=" + valid), 401);
    }

    @Test
    void forwardsAValidTokenToTheService() {
        String token = TestTokens.get().accessToken(UUID.randomUUID(), "CUSTOMER");
        String requestId = UUID.randomUUID().toString();

        TestHttp.Response response = http.send(
                "GET", "/api/cart", null, Map.of("Authorization", "Bearer " + token, "X-Request-Id", requestId));

        assertThat(response.status()).isEqualTo(200);
        assertThat(Downstreams.ORDERS.requests())
                .filteredOn(r -> requestId.equals(r.header("x-request-id")))
                .singleElement()
                .satisfies(r -> assertThat(r.header("authorization")).isEqualTo("Bearer " + token));
    }

    @Test
    void letsAnyoneReadTheCatalogSignUpSignInAndFetchKeys() {
        Map<String, String> json = Map.of("Content-Type", "application/json");
        assertThat(http.get("/api/products").status()).isEqualTo(200);
        assertThat(http.get("/api/products/" + UUID.randomUUID()).status()).isEqualTo(200);
        assertThat(http.get("/api/categories").status()).isEqualTo(200);
        assertThat(http.get("/.well-known/jwks.json").status()).isEqualTo(200);
        assertThat(http.get("/v3/api-docs/orders").status()).isEqualTo(200);
        for (String path : List.of("/api/auth/register", "/api/auth/login", "/api/auth/refresh")) {
            Map<String, String> headers = new HashMap<>(json);
            // A client address of its own per call (appending to an address made it invalid, so the gateway fell back
            // to the test's loopback address, whose auth bucket the other tests drain: a 429 now and then).
            headers.put("X-Forwarded-For", freshClientAddress());
            assertThat(http.send("POST", path, "{}", headers).status()).as(path).isEqualTo(201);
        }
    }
}
