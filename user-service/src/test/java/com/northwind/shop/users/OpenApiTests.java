package com.northwind.shop.users;

import static org.assertj.core.api.Assertions.assertThat;

import com.northwind.shop.platform.test.TestHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OpenApiTests extends UsersIntegrationTests {

    private static final List<String> ENDPOINTS = List.of(
            "post /api/auth/register",
            "post /api/auth/login",
            "post /api/auth/refresh",
            "post /api/auth/logout",
            "post /api/auth/token",
            "get /.well-known/jwks.json",
            "get /api/users/me",
            "patch /api/users/me",
            "get /api/users",
            "get /api/users/{id}",
            "put /api/users/{id}/roles",
            "post /api/users/{id}/disable");

    @Test
    void describesEveryEndpointWithItsErrorResponses() {
        TestHttp.Response response = http.get("/v3/api-docs");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode paths = response.json().path("paths");

        List<String> described = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String name = operation.getKey() + " " + path.getKey();
                described.add(name);
                JsonNode responses = operation.getValue().path("responses");
                assertThat(responses.has("500")).as(name).isTrue();
                assertThat(responses.path("500").path("content").has("application/problem+json"))
                        .as(name)
                        .isTrue();
            }
        }
        assertThat(described).containsAll(ENDPOINTS);
        assertThat(paths.path("/api/auth/login").path("post").path("responses").has("429"))
                .isTrue();
        assertThat(paths.path("/api/auth/register")
                        .path("post")
                        .path("responses")
                        .has("409"))
                .isTrue();
        assertThat(paths.path("/api/users").path("get").path("responses").has("403"))
                .isTrue();
        assertThat(paths.path("/api/users/me").path("get").path("security").isArray())
                .isTrue();
    }
}
