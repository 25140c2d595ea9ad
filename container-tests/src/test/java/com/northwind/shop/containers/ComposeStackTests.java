package com.northwind.shop.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The compose file's services in real containers, built from docker/Dockerfile on the base images CI builds
 * (docker/base-images/build.sh), with secrets from docker/gen-env.sh: a customer's journey through the gateway
 * container, per-service database roles that cannot read each other's schemas, and reads that survive the loss of a
 * product container. Skipped without a Docker engine or base images, except in CI ({@code CI} set), where that fails.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeStackTests {

    private static final List<String> BASE_IMAGES = List.of("eclipse-temurin:25-jre", "postgres:15", "redis:7");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADMIN_EMAIL = "admin@northwind.example";
    private static final String ADMIN_PASSWORD = "Container-Admin-Passw0rd";

    private static @Nullable ComposeStack stack;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startStack() throws Exception {
        requireOrSkip(Docker.available(), "no Docker engine answers the docker CLI");
        for (String image : BASE_IMAGES) {
            requireOrSkip(
                    Docker.run(Duration.ofSeconds(20), Map.of(), List.of("image", "inspect", image))
                            .ok(),
                    "base image " + image + " missing (run docker/base-images/build.sh as root)");
        }
        Path repository =
                Path.of(System.getProperty("northwind.repository-root", "..")).toRealPath();
        Path workDir = Path.of(System.getProperty("northwind.container-tests.work-dir", "target/containers"));
        Map<String, String> env = new LinkedHashMap<>(ComposeFile.readEnvFile(genEnv(repository)));
        env.put("BOOTSTRAP_ADMIN_EMAIL", ADMIN_EMAIL);
        env.put("BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("DEMO_DATA_PROFILE", "demo");
        stack = ComposeStack.start(repository, workDir, env);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aCustomerSignsUpBrowsesOrdersPaysCancelsAndIsRefundedThroughTheGatewayContainer() {
        String email = "c" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String password = "Customer-Passw0rd-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(call("POST", "/api/auth/register", null, Map.of("email", email, "password", password, "name", "Ann"))
                        .status())
                .isEqualTo(201);
        String token = login(email, password);

        // The bootstrap admin exists (BOOTSTRAP_ADMIN_* in the compose file) and may list users.
        assertThat(call("GET", "/api/users?size=1", login(ADMIN_EMAIL, ADMIN_PASSWORD), null)
                        .status())
                .isEqualTo(200);

        // The demo catalog (DEMO_DATA_PROFILE=demo) is there to browse, anonymously.
        Reply page = call("GET", "/api/products?size=50", null, null).expect(200);
        JsonNode product = null;
        for (JsonNode candidate : page.json().get("content")) {
            if (candidate.get("availableQuantity").asInt() > 0) {
                product = candidate;
                break;
            }
        }
        assertThat(product).as("an available product in %s", page.body()).isNotNull();
        String productId = product.get("id").asString();
        call("GET", "/api/products/" + productId, null, null).expect(200);

        JsonNode order = call(
                        "POST",
                        "/api/orders",
                        token,
                        Map.of("items", List.of(Map.of("productId", productId, "quantity", 1))),
                        "Idempotency-Key",
                        UUID.randomUUID().toString())
                .expect(201)
                .json();
        String orderId = order.get("id").asString();
        assertThat(order.get("status").asString()).isEqualTo("AWAITING_PAYMENT");

        JsonNode payment = call(
                        "POST",
                        "/api/payments",
                        token,
                        Map.of(
                                "orderId",
                                orderId,
                                "card",
                                Map.of(
                                        "number", "4242424242424242",
                                        "expMonth", 12,
                                        "expYear", 2030,
                                        "cvc", "123",
                                        "holder", "Ann")),
                        "Idempotency-Key",
                        UUID.randomUUID().toString())
                .expect(201)
                .json();
        assertThat(payment.get("status").asString()).isEqualTo("SUCCEEDED");
        awaitStatus(token, orderId, "PAID");

        call("POST", "/api/orders/" + orderId + "/cancel", token, null).expect(200);
        awaitStatus(token, orderId, "REFUNDED");
        JsonNode payments = call("GET", "/api/payments?orderId=" + orderId, token, null)
                .expect(200)
                .json();
        assertThat(payments.get(0).get("status").asString()).isEqualTo("REFUNDED");
    }

    @Test
    @Order(2)
    void theGatewaysPublishedPortServesNoActuator() {
        assertThat(call("GET", "/actuator/health", null, null).status()).isEqualTo(404);
    }

    @Test
    @Order(3)
    void everyMetricTheDashboardsAndAlertRulesQueryIsScrapedFromTheRunningServices() throws Exception {
        ComposeStack s = stack();
        Set<String> scraped = new TreeSet<>(Set.of("up")); // `up` is Prometheus' own, per target
        for (ComposeFile.Service service : s.services().values()) {
            String port = service.environment().get("MANAGEMENT_SERVER_PORT");
            if (port == null) {
                continue;
            }
            String body = HTTP.send(
                            HttpRequest.newBuilder(URI.create("http://" + s.address(service.name()) + ":" + port
                                            + "/actuator/prometheus"))
                                    .timeout(Duration.ofSeconds(20))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            scraped.addAll(PromQl.metricNames(body));
        }
        assertThat(scraped).contains("http_server_requests_seconds_count", "jvm_memory_used_bytes");
        Map<String, Set<String>> queried = PromQl.queriedMetrics(s.repository());
        assertThat(queried).isNotEmpty();
        Map<String, Set<String>> missing = new TreeMap<>();
        queried.forEach((where, names) -> {
            Set<String> absent = new TreeSet<>(names);
            absent.removeAll(scraped);
            if (!absent.isEmpty()) {
                missing.put(where, absent);
            }
        });
        assertThat(missing).as("metrics queried but not exposed by any service").isEmpty();
    }

    @Test
    @Order(4)
    void eachServiceRoleReadsOnlyItsOwnSchema() {
        ComposeStack s = stack();
        Map<String, String> roles = new LinkedHashMap<>();
        Map<String, String> passwords = new LinkedHashMap<>();
        // Role, schema and password exactly as the compose file hands them to each service.
        for (ComposeFile.Service service : s.services().values()) {
            Map<String, String> env = service.environment();
            if (env.containsKey("DB_USERNAME")) {
                roles.put(env.get("DB_USERNAME"), schemaOf(env.get("DB_USERNAME")));
                passwords.put(env.get("DB_USERNAME"), env.get("DB_PASSWORD"));
            }
        }
        assertThat(roles).hasSize(4);
        List<String> leaks = new ArrayList<>();
        for (var role : roles.entrySet()) {
            for (String schema : roles.values()) {
                Docker.Result result = s.exec(
                        "postgres",
                        Map.of("PGPASSWORD", passwords.get(role.getKey())),
                        "psql",
                        "-h",
                        "127.0.0.1",
                        "-U",
                        role.getKey(),
                        "-d",
                        "shop",
                        "-Atc",
                        "SELECT count(*) FROM " + schema + ".flyway_schema_history");
                boolean own = schema.equals(role.getValue());
                if (own && !result.ok()) {
                    fail(role.getKey() + " cannot read its own schema " + schema + ": " + result.output());
                }
                if (!own && (result.ok() || !result.output().contains("permission denied"))) {
                    leaks.add(role.getKey() + " -> " + schema + ": "
                            + result.output().strip());
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    @Order(5)
    void readsKeepAnsweringWithOneProductContainerStopped() {
        String id = call("GET", "/api/products?size=1", null, null)
                .expect(200)
                .json()
                .get("content")
                .get(0)
                .get("id")
                .asString();
        stack().stop("product-service-1");
        // The gateway retries an idempotent read on the other instance and soon stops choosing the stopped one.
        await(
                Duration.ofSeconds(30),
                () -> call("GET", "/api/products/" + id, null, null).status() == 200);
        for (int i = 0; i < 20; i++) {
            call("GET", "/api/products/" + id, null, null).expect(200);
            call("GET", "/api/products?size=5", null, null).expect(200);
        }
    }

    private static String schemaOf(String role) {
        return switch (role) {
            case "users_service" -> "users";
            case "catalog_service" -> "catalog";
            case "orders_service" -> "orders";
            case "payments_service" -> "payments";
            default -> throw new IllegalStateException("unknown role " + role);
        };
    }

    private static String login(String email, String password) {
        return call("POST", "/api/auth/login", null, Map.of("email", email, "password", password))
                .expect(200)
                .json()
                .get("accessToken")
                .asString();
    }

    private static void awaitStatus(String token, String orderId, String status) {
        await(
                Duration.ofSeconds(90),
                () -> status.equals(call("GET", "/api/orders/" + orderId, token, null)
                        .expect(200)
                        .json()
                        .get("status")
                        .asString()));
    }

    private static void await(Duration timeout, Supplier<Boolean> condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.get()) {
            if (Instant.now().isAfter(deadline)) {
                fail("condition not met within " + timeout);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
    }

    private static ComposeStack stack() {
        ComposeStack s = stack;
        if (s == null) {
            throw new IllegalStateException("stack not started");
        }
        return s;
    }

    private static Reply call(
            String method, String path, @Nullable String token, @Nullable Object body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack().gatewayUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(method + " " + path, response.statusCode(), response.body());
        } catch (IOException ex) {
            return new Reply(method + " " + path, -1, ex.toString());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** One answer of the gateway. */
    record Reply(String request, int status, String body) {
        Reply expect(int expected) {
            assertThat(status).as("%s answered %s", request, body).isEqualTo(expected);
            return this;
        }

        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private static String genEnv(Path repository) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(
                        repository.resolve("docker/gen-env.sh").toString())
                .redirectErrorStream(false)
                .start();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as("docker/gen-env.sh").isZero();
        return out;
    }

    private static void requireOrSkip(boolean condition, String what) {
        String ci = System.getenv("CI");
        if (!condition && ci != null && !ci.isBlank() && !ci.equals("false")) {
            fail(what + " (CI is set: the container tests must run)");
        }
        Assumptions.assumeTrue(condition, what);
    }
}
