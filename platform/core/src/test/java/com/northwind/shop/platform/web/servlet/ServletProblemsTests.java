package com.northwind.shop.platform.web.servlet;

import static com.northwind.shop.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.northwind.shop.platform.problem.DomainException;
import com.northwind.shop.platform.problem.Problems;
import com.northwind.shop.platform.test.TestHttp;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@SpringBootTest(
        classes = ServletProblemsTests.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.main.web-application-type=servlet",
            "management.endpoint.health.group.readiness.include=readinessState",
            "northwind.platform.max-request-body=10KB"
        })
class ServletProblemsTests {

    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    @Autowired
    Environment environment;

    TestHttp http;

    @BeforeEach
    void connect() {
        http = TestHttp.localhost(port());
    }

    @Test
    void unknownPathIsNotFound() {
        JsonNode problem = assertProblem(http.get("/missing"), 404);
        assertThat(problem.path("type").asString()).isEqualTo("urn:northwind:problem:not-found");
        assertThat(problem.path("detail").asString()).isEqualTo("No resource exists at this path.");
        assertThat(problem.path("instance").asString()).isEqualTo("/missing");
    }

    @Test
    void wrongMethodIsMethodNotAllowed() {
        assertProblem(http.send("DELETE", "/widgets", null, Map.of()), 405);
    }

    @Test
    void wrongMediaTypeIsUnsupported() {
        assertProblem(http.send("POST", "/widgets", "name=x", Map.of("Content-Type", "text/plain")), 415);
    }

    @Test
    void malformedJsonIsBadRequest() {
        JsonNode problem = assertProblem(http.send("POST", "/widgets", "{\"name\": ", JSON), 400);
        assertThat(problem.path("detail").asString()).isEqualTo("The request body is missing or is not valid JSON.");
    }

    @Test
    void invalidFieldsAreListed() {
        JsonNode problem = assertProblem(http.send("POST", "/widgets", "{\"name\":\"\",\"quantity\":-1}", JSON), 400);
        assertThat(problem.path("type").asString()).isEqualTo("urn:northwind:problem:validation");
        assertThat(problem.path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("name", "quantity");
    }

    @Test
    void badParameterTypeIsBadRequest() {
        JsonNode problem = assertProblem(http.get("/widgets?limit=lots"), 400);
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("limit");
    }

    @Test
    void parameterConstraintViolationIsBadRequest() {
        JsonNode problem = assertProblem(http.get("/widgets?limit=1000"), 400);
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("limit");
    }

    @Test
    void invalidPercentEncodedUtf8IsBadRequest() {
        // %C0%AF is an overlong (invalid) UTF-8 encoding of '/': Tomcat cannot decode the parameter.
        assertProblem(http.get("/widgets?limit=%C0%AF"), 400);
        assertProblem(http.get("/widgets?q=%C0%AF"), 400);
    }

    @Test
    void nulInQueryParameterIsBadRequest() {
        JsonNode problem = assertProblem(http.get("/widgets?q=a%00b"), 400);
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("q");
    }

    @Test
    void nulInJsonStringIsBadRequest() {
        JsonNode problem =
                assertProblem(http.send("POST", "/widgets", "{\"name\":\"a\\u0000b\",\"quantity\":1}", JSON), 400);
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("name");
    }

    @Test
    void nulInJsonMapKeyIsBadRequest() {
        assertProblem(
                http.send("POST", "/widgets", "{\"name\":\"a\",\"quantity\":1,\"tags\":{\"a\\u0000\":\"b\"}}", JSON),
                400);
    }

    @Test
    void declaredOversizedBodyIsTooLarge() {
        String body = "{\"name\":\"" + "a".repeat(20_000) + "\",\"quantity\":1}";
        assertProblem(http.send("POST", "/widgets", body, JSON), 413);
    }

    @Test
    void chunkedOversizedBodyIsTooLarge() throws Exception {
        byte[] body = ("{\"name\":\"" + "a".repeat(20_000) + "\",\"quantity\":1}").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port() + "/widgets"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        HttpResponse<String> response = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        assertProblem(new TestHttp.Response(response), 413);
    }

    @Test
    void unexpectedFailureRevealsNothing() {
        JsonNode problem = assertProblem(http.get("/widgets/boom"), 500);
        assertThat(problem.path("detail").asString()).isEqualTo("An unexpected error occurred.");
        assertThat(problem.toString()).doesNotContain("secret");
    }

    @Test
    void noDatabaseConnectionIsServiceUnavailable() {
        TestHttp.Response response = http.get("/widgets/busy");
        JsonNode problem = assertProblem(response, 503);
        assertThat(response.header("Retry-After")).isEqualTo("1");
        assertThat(problem.toString()).doesNotContain("secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"resource-failure", "no-transaction", "commit", "shutdown", "rollback"})
    void aDatabaseGoneMidRequestIsServiceUnavailable(String how) {
        TestHttp.Response response = http.get("/widgets/gone/" + how);
        JsonNode problem = assertProblem(response, 503);
        assertThat(response.header("Retry-After")).isEqualTo("1");
        assertThat(problem.toString()).doesNotContain("secret");
    }

    @Test
    void aConstraintViolationFromTheDatabaseIsNoOutage() {
        assertProblem(http.get("/widgets/gone/duplicate"), 500);
    }

    @ParameterizedTest
    @ValueSource(strings = {"optimistic", "lock-timeout"})
    void aConcurrentChangeIsConflict(String how) {
        JsonNode problem = assertProblem(http.get("/widgets/race/" + how), 409);
        assertThat(problem.path("type").asString()).isEqualTo("urn:northwind:problem:concurrent-change");
        assertThat(problem.toString()).doesNotContain("secret");
    }

    @Test
    void aDomainRefusalIsMappedByItsKind() {
        JsonNode problem = assertProblem(http.get("/widgets/refused/conflict"), 409);
        assertThat(problem.path("type").asString()).isEqualTo("urn:northwind:problem:widget-sold-out");
        assertThat(problem.path("detail").asString()).isEqualTo("No widgets left.");
        assertThat(problem.path("left").asInt()).isZero();
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("quantity");

        assertProblem(http.get("/widgets/refused/not-found"), 404);
        TestHttp.Response throttled = http.get("/widgets/refused/throttled");
        assertProblem(throttled, 429);
        assertThat(throttled.header("Retry-After")).isEqualTo("7");
        TestHttp.Response away = http.get("/widgets/refused/unavailable");
        assertThat(assertProblem(away, 503).toString()).doesNotContain("secret");
        assertThat(away.header("Retry-After")).isEqualTo("1");
    }

    @Test
    void validRequestsStillWork() {
        TestHttp.Response response = http.send("POST", "/widgets", "{\"name\":\"bolt\",\"quantity\":2}", JSON);
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().path("name").asString()).isEqualTo("bolt");
    }

    private int port() {
        return environment.getRequiredProperty("local.server.port", Integer.class);
    }

    /** Nested classes of a test are not component-scanned: import the controller. */
    @SpringBootApplication(
            excludeName = {
                "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration"
            })
    @Import(WidgetController.class)
    static class App {

        /** These tests are about error shapes, not authentication: everything is open. */
        @org.springframework.context.annotation.Bean
        com.northwind.shop.platform.security.servlet.ServiceSecurityRules openEverything() {
            return rules -> rules.requestMatchers("/**").permitAll();
        }
    }

    record Widget(
            @NotBlank String name,
            @Positive int quantity,
            java.util.@org.jspecify.annotations.Nullable Map<String, String> tags) {}

    /** A refusal with field errors and a further member. */
    static final class SoldOut extends DomainException {
        SoldOut() {
            super(Kind.CONFLICT, "widget-sold-out", "No widgets left.");
        }

        @Override
        public java.util.List<Problems.FieldError> errors() {
            return java.util.List.of(new Problems.FieldError("quantity", "exceeds what is left"));
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of("left", 0);
        }
    }

    static final class Refusal extends DomainException {
        private final java.time.@org.jspecify.annotations.Nullable Duration wait;

        Refusal(Kind kind, java.time.@org.jspecify.annotations.Nullable Duration wait) {
            this(kind, wait, null);
        }

        Refusal(
                Kind kind,
                java.time.@org.jspecify.annotations.Nullable Duration wait,
                @org.jspecify.annotations.Nullable Throwable cause) {
            super(kind, null, "Refused.", cause);
            this.wait = wait;
        }

        @Override
        public java.time.@org.jspecify.annotations.Nullable Duration retryAfter() {
            return wait;
        }
    }

    @RestController
    @Validated
    static class WidgetController {

        @GetMapping("/widgets")
        String list(@RequestParam(defaultValue = "10") @Max(100) int limit) {
            return "[]";
        }

        @PostMapping("/widgets")
        org.springframework.http.ResponseEntity<Widget> create(@Valid @RequestBody Widget widget) {
            return org.springframework.http.ResponseEntity.status(201).body(widget);
        }

        @GetMapping("/widgets/boom")
        String boom() {
            throw new IllegalStateException("secret connection string jdbc:postgresql://db/secret");
        }

        @GetMapping("/widgets/gone/{how}")
        String gone(@org.springframework.web.bind.annotation.PathVariable String how) {
            // What Spring and Hibernate throw when PostgreSQL goes away in the middle of a request.
            throw switch (how) {
                case "resource-failure" ->
                    new org.springframework.dao.DataAccessResourceFailureException("secret: could not prepare");
                case "no-transaction" ->
                    new org.springframework.transaction.CannotCreateTransactionException("secret: no connection");
                case "commit" ->
                    new org.springframework.transaction.TransactionSystemException(
                            "Could not commit JPA transaction",
                            new RuntimeException(
                                    "wrapped", new java.sql.SQLException("secret: An I/O error occurred", "08006")));
                case "shutdown" ->
                    new IllegalStateException(
                            "wrapped",
                            new java.sql.SQLException(
                                    "secret: terminating connection due to administrator command", "57P01"));
                case "rollback" -> {
                    // HikariCP closed the broken connection; its stand-in refuses the rollback without a SQLSTATE.
                    java.sql.SQLException closed = new java.sql.SQLException("Connection is closed");
                    closed.setStackTrace(new StackTraceElement[] {
                        new StackTraceElement(
                                "com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection",
                                "lambda$getClosedConnection$0",
                                "ProxyConnection.java",
                                559)
                    });
                    // As Spring's JpaSystemException wraps Hibernate's TransactionException around it.
                    yield new IllegalStateException(
                            "Unable to rollback against JDBC Connection",
                            new RuntimeException("Unable to rollback against JDBC Connection", closed));
                }
                default -> new IllegalStateException(new java.sql.SQLException("secret: duplicate key", "23505"));
            };
        }

        @GetMapping("/widgets/race/{how}")
        String race(@org.springframework.web.bind.annotation.PathVariable String how) {
            throw how.equals("optimistic")
                    ? new org.springframework.dao.OptimisticLockingFailureException("secret: row was updated")
                    : new org.springframework.dao.CannotAcquireLockException("secret: lock timeout");
        }

        @GetMapping("/widgets/refused/{kind}")
        String refused(@org.springframework.web.bind.annotation.PathVariable String kind) {
            throw switch (kind) {
                case "conflict" -> new SoldOut();
                case "not-found" -> new Refusal(DomainException.Kind.NOT_FOUND, null);
                case "throttled" -> new Refusal(DomainException.Kind.THROTTLED, java.time.Duration.ofSeconds(7));
                default ->
                    new Refusal(
                            DomainException.Kind.UNAVAILABLE,
                            null,
                            new IllegalStateException("secret: upstream refused"));
            };
        }

        @GetMapping("/widgets/busy")
        String busy() {
            // What Spring's transaction manager throws when Hikari's pool has no connection within its timeout.
            throw new IllegalStateException(
                    "Could not open JDBC Connection for transaction",
                    new java.sql.SQLTransientConnectionException("secret-pool - Connection is not available"));
        }
    }
}
