package com.northwind.shop.users;

import static com.northwind.shop.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.northwind.shop.platform.test.TestHttp;
import com.northwind.shop.platform.test.TestTokens;
import com.northwind.shop.platform.test.TestTokens.BadToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/** Tokens forged or broken in every known way, signed where it matters with user-service's own key. */
class TokenSecurityTests extends UsersIntegrationTests {

    @ParameterizedTest
    @EnumSource(BadToken.class)
    void badTokensAreUnauthorized(BadToken kind) {
        String email = uniqueEmail();
        UUID id = newCustomer(email);
        TestTokens signer = signingWith("test-new");
        // The same claims, correctly signed, get in: so the refusal below is for what the bad token breaks.
        assertThat(send("GET", "/api/users/me", null, signer.accessToken(id, "CUSTOMER"))
                        .status())
                .isEqualTo(200);

        TestHttp.Response response = send("GET", "/api/users/me", null, signer.bad(kind, id));

        assertProblem(response, 401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void tokenInQueryParameterIsIgnored() {
        String email = uniqueEmail();
        newCustomer(email);
        String access = accessToken(email, PASSWORD);

        assertProblem(http.get("/api/users/me?access_token=" + access), 401);
    }

    @Test
    void jwksPublishesTheActiveAndTheRetiredKeyButNoPrivateParts() {
        TestHttp.Response response = http.get("/.well-known/jwks.json");

        assertThat(response.status()).isEqualTo(200);
        List<String> kids = new ArrayList<>();
        for (JsonNode key : response.json().path("keys")) {
            kids.add(key.path("kid").asString());
            assertThat(key.path("kty").asString()).isEqualTo("RSA");
            assertThat(key.has("d")).isFalse();
            assertThat(key.has("p")).isFalse();
        }
        assertThat(kids).containsExactlyInAnyOrder("test-old", "test-new");
    }

    @Test
    void tokensOfTheRetiredKeyStayValidUntilTheyExpire() {
        String email = uniqueEmail();
        UUID id = newCustomer(email);

        String signedByOldKey = signingWith("test-old").accessToken(id, "CUSTOMER");

        assertThat(send("GET", "/api/users/me", null, signedByOldKey).status()).isEqualTo(200);
    }

    @Test
    void tokenOfADeletedKeyIsRefusedEvenWithAKnownLookingHeader() {
        String token = TestTokens.get().accessToken(UUID.randomUUID(), "ADMIN");

        assertProblem(http.send("GET", "/api/users", null, Map.of("Authorization", "Bearer " + token)), 401);
    }
}
