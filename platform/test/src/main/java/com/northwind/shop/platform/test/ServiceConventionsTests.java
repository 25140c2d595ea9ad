package com.northwind.shop.platform.test;

import static com.northwind.shop.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/**
 * What every deployable promises ops and frontends, checked over real HTTP against the booted application: probes,
 * metrics, build info, and the one error shape. A service's test class extends it and adds
 * {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} and {@link RealInfrastructure}.
 */
public abstract class ServiceConventionsTests {

    @Autowired
    private Environment environment;

    /** A client for the application under test. */
    protected TestHttp http;

    @BeforeEach
    void connect() {
        http = TestHttp.localhost(environment.getRequiredProperty("local.server.port", Integer.class));
    }

    /**
     * The outbox, processed-events and Idempotency-Key tables are the platform's, copied into the service's own
     * migrations: a copy that drifts from the platform's definition breaks the platform's SQL only at run time.
     */
    @Test
    void copiesThePlatformsTablesUnchanged() {
        List<String> migrations = MigrationCopies.statementsOf(MigrationCopies.SERVICE_MIGRATIONS);
        if (environment.getProperty("northwind.events.enabled", Boolean.class, false)) {
            MigrationCopies.assertCopied(
                    migrations,
                    MigrationCopies.statementsOf(MigrationCopies.EVENTS),
                    "the outbox and processed events");
        }
        if (migrations.stream().anyMatch(s -> s.contains("idempotency_records"))) {
            MigrationCopies.assertCopied(
                    migrations, MigrationCopies.statementsOf(MigrationCopies.IDEMPOTENCY), "idempotency_records");
        }
    }

    @Test
    void reportsReadyAndLive() {
        TestHttp.Response readiness = http.get("/actuator/health/readiness");
        assertThat(readiness.status()).as(readiness.body()).isEqualTo(200);
        assertThat(readiness.json().path("status").asString()).isEqualTo("UP");
        assertThat(http.get("/actuator/health/liveness").json().path("status").asString())
                .isEqualTo("UP");
    }

    @Test
    void exposesPrometheusMetricsAndBuildInfo() {
        TestHttp.Response metrics = http.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        assertThat(http.get("/actuator/info")
                        .json()
                        .path("build")
                        .path("version")
                        .asString())
                .isNotBlank();
    }

    /**
     * A valid access token for this service, sent where a test needs to get past authentication (services with
     * Spring Security answer 401 before 404). Defaults to one from {@link TestTokens}; a service that verifies with
     * its own keys (user-service) overrides it.
     */
    protected String bearerToken() {
        return TestTokens.get().accessToken(UUID.randomUUID(), "CUSTOMER");
    }

    @Test
    void answersUnknownPathsWithProblemDetails() {
        TestHttp.Response response =
                http.send("GET", "/no/such/path", null, Map.of("Authorization", "Bearer " + bearerToken()));
        assertProblem(response, 404);
        assertThat(response.json().path("instance").asString()).isEqualTo("/no/such/path");
    }

    /**
     * Tomcat refuses a path whose percent-encoding is not UTF-8 before any filter runs; its answer is problem details
     * too, not Tomcat's HTML page.
     */
    @Test
    void answersUndecodablePathsWithProblemDetails() {
        for (String path : new String[] {"/api/orders/%C0%AF", "/api/x/%FF", "/api/x/%E2%82"}) {
            TestHttp.Response response =
                    http.send("GET", path, null, Map.of("Authorization", "Bearer " + bearerToken()));
            assertProblem(response, 400);
        }
    }

    @Test
    void rejectsOversizedBodiesWithProblemDetails() {
        String body = "{\"x\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}";
        TestHttp.Response response = http.send(
                "POST",
                "/no/such/path",
                body,
                Map.of("Content-Type", "application/json", "Authorization", "Bearer " + bearerToken()));
        assertProblem(response, 413);
    }
}
