package com.northwind.shop.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;

/** Assertions on the one error shape (RFC 9457) that every service and the gateway answer with. */
public final class ProblemAssertions {

    private ProblemAssertions() {}

    /** Asserts the RFC 9457 shape every error of every service has. */
    public static JsonNode assertProblem(TestHttp.Response response, int status) {
        assertThat(response.status())
                .as(() -> response.body()
                        .substring(0, Math.min(500, response.body().length())))
                .isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("type").asString()).startsWith("urn:northwind:problem:");
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.path("detail").asString()).isNotBlank();
        assertThat(problem.path("instance").asString()).startsWith("/");
        assertThat(problem.path("traceId").asString()).matches("[0-9a-f]{16,32}");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at com.");
        return problem;
    }
}
