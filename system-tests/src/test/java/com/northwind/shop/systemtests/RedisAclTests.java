package com.northwind.shop.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.northwind.shop.localstack.LocalStack;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue #18, finding 3: each service reaches Redis as its own ACL user. A stack of its own (not {@link SystemStack}'s)
 * runs against a {@code redis-server} whose ACL file is written by the deployments' own script,
 * {@code docker/redis/users-acl.sh} (default user off), each service with the {@code REDIS_USERNAME} and
 * {@code REDIS_PASSWORD} compose and Kubernetes give it. A customer's visit then drives every Redis use there is
 * (login throttle, auth rate limit and replica heartbeats, the product cache and its eviction channel, the saga's
 * streams, groups, trimming, run_id check and metrics) and Redis' {@code ACL LOG} must show not one refused command:
 * the services swallow many Redis errors (fail open, cache bypass), so a missing permission would otherwise pass
 * unnoticed. Then each user is shown unable to touch another service's keys, append to a stream it does not produce,
 * or run FLUSHALL, CONFIG or KEYS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisAclTests {

    /** Each service's ACL user (its name) and the variable its password comes from (docker/redis/users-acl.sh). */
    static final Map<String, String> PASSWORD_VARIABLES = Map.of(
            "gateway-service", "GATEWAY_REDIS_PASSWORD",
            "user-service", "USERS_REDIS_PASSWORD",
            "product-service", "CATALOG_REDIS_PASSWORD",
            "order-service", "ORDERS_REDIS_PASSWORD",
            "payment-service", "PAYMENTS_REDIS_PASSWORD");

    private final Map<String, String> passwords = new LinkedHashMap<>();
    private @Nullable Process redis;
    private @Nullable LocalStack stack;
    private @Nullable RedisClient client;
    private int port;
    private Shop shop;

    @BeforeAll
    void start() throws Exception {
        Path root = Path.of(System.getProperty("northwind.repository-root", ".."))
                .toAbsolutePath()
                .normalize();
        Path work = root.resolve("system-tests/target/redis-acl");
        Files.createDirectories(work);
        passwords.put("admin", UUID.randomUUID().toString());
        PASSWORD_VARIABLES
                .keySet()
                .forEach(user -> passwords.put(user, UUID.randomUUID().toString()));
        port = freePort();
        Path acl = work.resolve("users.acl");
        var command = new ProcessBuilder(
                        "sh",
                        root.resolve("docker/redis/users-acl.sh").toString(),
                        acl.toString(),
                        "redis-server",
                        "--port",
                        Integer.toString(port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--dir",
                        work.toString(),
                        "--aclfile",
                        acl.toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("redis.log").toFile());
        command.environment().put("REDIS_PASSWORD", passwords.get("admin"));
        PASSWORD_VARIABLES.forEach((user, variable) -> command.environment().put(variable, passwords.get(user)));
        redis = command.start();
        client = RedisClient.create();
        Awaitility.await("redis-server with the ACL file")
                .atMost(Duration.ofSeconds(20))
                .ignoreExceptions()
                .untilAsserted(() -> as("admin", c -> assertThat(c.ping()).isEqualTo("PONG")));

        var builder = LocalStack.builder(root)
                .freePorts()
                .ownDatabase("nwacl_" + Instant.now().getEpochSecond() + "_"
                        + Integer.toUnsignedString(ThreadLocalRandom.current().nextInt(), 36))
                .redis("127.0.0.1", port)
                .workDir(work.resolve("stack"))
                .jvmFlags(SystemStack.JVM_FLAGS)
                .serviceEnvironment("DB_POOL_SIZE", "5")
                .serviceEnvironment("SPRING_APPLICATION_JSON", SystemStack.PATIENT_TIMEOUTS)
                .serviceEnvironment("PRODUCT_SERVICE_READ_TIMEOUT", "15s")
                .serviceEnvironment("ORDER_SERVICE_READ_TIMEOUT", "15s")
                // Trimming (XTRIM below every group's position) and the run_id check every 2 s, not 30 s, and
                // on streams this short, so they run during the test.
                .serviceEnvironment("NORTHWIND_EVENTS_TRIMINTERVAL", "2s")
                .serviceEnvironment("NORTHWIND_EVENTS_STREAMMAXLENGTH", "1")
                .serviceEnvironment("NORTHWIND_EVENTS_METRICSINTERVAL", "2s");
        PASSWORD_VARIABLES
                .keySet()
                .forEach(user -> builder.serviceEnvironment(user, "REDIS_USERNAME", user)
                        .serviceEnvironment(user, "REDIS_PASSWORD", passwords.get(user)));
        stack = builder.build();
        stack.start();
        shop = new Shop(stack.gatewayUri());
        // Every route served once before the checks, as for the shared stack: a cold start is not what is tested.
        SystemStack.warmUp(shop);
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
        if (client != null) {
            client.shutdown();
        }
        if (redis != null) {
            redis.destroy();
        }
    }

    @Test
    @Order(1)
    void everyServiceDoesItsWorkAsItsOwnRedisUserWithoutOneRefusedCommand() {
        var catalog = new Catalog(shop);
        // An admin write: cache tombstones, the listing generation, the eviction announcement.
        var product = catalog.newProduct("Acl lantern " + Catalog.uniqueWord(), 2500, 10);
        var productId = UUID.fromString(product.get("id").asString());
        shop.get("/api/products/" + productId).send().expect(200);
        shop.get("/api/products/" + productId).send().expect(200);
        shop.get("/api/products?size=5").send().expect(200);

        // Login throttle (a failure, then successes) and the gateway's exact auth buckets.
        var customer = Customer.signUp(shop);
        shop.post("/api/auth/login")
                .json(Map.of("email", customer.email(), "password", "not-" + Customer.PASSWORD))
                .send()
                .expect(401);
        Customer.login(shop, customer.email(), customer.password());

        // The saga over the streams: PaymentSucceeded -> PAID -> OrderPaid -> reservation confirmed.
        var orderId = UUID.fromString(
                customer.order(productId, 2).expect(201).json().get("id").asString());
        customer.pay(orderId).expect(201);
        customer.awaitStatus(orderId, "PAID");
        // And a cancelled order: OrderCancelled to product-service (release) and payment-service.
        var cancelled = UUID.fromString(
                customer.order(productId, 1).expect(201).json().get("id").asString());
        customer.post("/api/orders/" + cancelled + "/cancel").send().expect(200);

        // Every group has read and acknowledged everything; the producers' maintenance has trimmed.
        Awaitility.await("every consumer group caught up")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> as("admin", c -> {
                    for (var stream : List.of("orders.events", "payments.events")) {
                        var groups = c.xinfoGroups(stream);
                        assertThat(groups).as(stream).isNotEmpty();
                        for (Object group : groups) {
                            assertThat(group.toString()).as(stream).contains("pending, 0");
                        }
                    }
                }));
        as("admin", c -> {
            var keys = new ArrayList<String>();
            c.scan(ScanArgs.Builder.limit(1000)).getKeys().forEach(keys::add);
            assertThat(keys)
                    .as("each service's keys were written")
                    .contains("gateway:replicas", "orders.events", "payments.events")
                    .anyMatch(k -> k.startsWith("rate-limit:"))
                    .anyMatch(k -> k.startsWith("users:login-failures:"))
                    .anyMatch(k -> k.startsWith("products:v1:"));
            assertThat(c.aclLog())
                    .as("commands Redis refused a service (ACL LOG)")
                    .isEmpty();
        });
    }

    @Test
    @Order(2)
    void noServiceMayTouchAnothersKeysOrAppendToAStreamItDoesNotProduce() {
        Map<String, List<String>> othersKeys = Map.of(
                "gateway-service", List.of("users:login-failures:ip:1", "products:v1:product:1"),
                "user-service", List.of("rate-limit:{x}.tokens", "products:v1:product:1"),
                "product-service", List.of("rate-limit:{x}.tokens", "users:login-failures:ip:1"),
                "order-service", List.of("products:v1:product:1", "users:login-failures:ip:1"),
                "payment-service", List.of("products:v1:product:1", "rate-limit:{x}.tokens"));
        Map<String, List<String>> streamsNotProduced = Map.of(
                "gateway-service", List.of("orders.events", "payments.events", "products.events"),
                "user-service", List.of("orders.events", "payments.events", "products.events"),
                "product-service", List.of("orders.events", "payments.events"),
                "order-service", List.of("payments.events", "products.events"),
                "payment-service", List.of("orders.events", "products.events"));
        for (String user : PASSWORD_VARIABLES.keySet()) {
            as(user, c -> {
                for (String key : othersKeys.get(user)) {
                    assertNoPermission(user + " GET " + key, () -> c.get(key));
                    assertNoPermission(user + " SET " + key, () -> c.set(key, "forged"));
                }
                for (String stream : streamsNotProduced.get(user)) {
                    assertNoPermission(
                            user + " XADD " + stream,
                            () -> c.xadd(stream, XAddArgs.Builder.maxlen(1000), Map.of("type", "PaymentSucceeded")));
                }
                assertNoPermission(user + " FLUSHALL", c::flushall);
                assertNoPermission(user + " CONFIG GET", () -> c.configGet("*"));
                assertNoPermission(user + " KEYS", () -> c.keys("*"));
                assertNoPermission(user + " SCAN", c::scan);
                assertNoPermission(user + " ACL LIST", c::aclList);
            });
        }
        // A consumer may read another's stream through its group, but never the raw entries by range.
        as(
                "order-service",
                c -> assertNoPermission(
                        "order-service XRANGE payments.events",
                        () -> c.xrange("payments.events", Range.create("-", "+"))));
        // Without a user: the default user is off. Lettuce sometimes fails such a connection before its handshake
        // reads Redis' answer ("RedisHandshakeHandler not registered"), which says nothing either way: try again.
        String refusal = "";
        for (int attempt = 0; attempt < 5 && !refusal.contains("NOAUTH"); attempt++) {
            refusal = anonymousRead();
        }
        assertThat(refusal).contains("NOAUTH");
    }

    /** What Redis answers a read on a connection without a user: the error, or the value if it were allowed. */
    private String anonymousRead() {
        try (var anonymous = client.connect(RedisURI.create("127.0.0.1", port))) {
            return String.valueOf(anonymous.sync().get("orders.events"));
        } catch (RuntimeException ex) {
            StringBuilder causes = new StringBuilder();
            for (Throwable t = ex; t != null; t = t.getCause()) {
                causes.append(t).append('\n');
            }
            return causes.toString();
        }
    }

    private void as(String user, Consumer<RedisCommands<String, String>> commands) {
        RedisURI uri = RedisURI.builder()
                .withHost("127.0.0.1")
                .withPort(port)
                .withAuthentication(user, passwords.get(user))
                .withTimeout(Duration.ofSeconds(5))
                .build();
        try (StatefulRedisConnection<String, String> connection = client.connect(uri)) {
            commands.accept(connection.sync());
        }
    }

    private static void assertNoPermission(String what, Runnable command) {
        assertThatThrownBy(command::run)
                .as(what)
                .isInstanceOf(RedisCommandExecutionException.class)
                .hasMessageStartingWith("NOPERM");
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
