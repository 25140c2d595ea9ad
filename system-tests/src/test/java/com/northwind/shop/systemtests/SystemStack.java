package com.northwind.shop.systemtests;

import com.northwind.shop.localstack.LocalStack;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one stack of this test JVM: started by the first test class that needs it, stopped (and its database dropped)
 * when the whole run ends. Every service runs on a free port against a database and a Redis of its own, so a run
 * shares nothing with other runs or with {@code bin/run-all}.
 */
final class SystemStack implements BeforeAllCallback {

    /** Small heaps and a quick JIT: six JVMs share two CI cores with the tests. */
    static final List<String> JVM_FLAGS =
            List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");

    static final String SIGNING_KEY_ID = "system-tests";

    /** The gateway's per-service timeouts (map keys with dashes: no plain environment variable can set them). */
    static final String PATIENT_TIMEOUTS = """
            {"northwind": {"gateway": {"timeouts": {
              "default": {"connect": "5s", "response": "30s"},
              "user-service": {"connect": "5s", "response": "30s"},
              "product-service": {"connect": "2s", "response": "20s"},
              "order-service": {"connect": "5s", "response": "40s"},
              "payment-service": {"connect": "5s", "response": "40s"}}}}}""";

    /** How long the stack may take, once started, to serve through the gateway (JIT, connection pools, health). */
    static final Duration WARM_UP = Duration.ofMinutes(3);

    private static @Nullable Running running;

    /**
     * The started stack and what the tests know about it.
     *
     * @param stack the launcher driving the processes
     * @param shop the gateway, as a frontend sees it
     * @param signingKey the key user-service signs with (the tests mint their own tokens with it)
     */
    record Running(LocalStack stack, Shop shop, KeyPair signingKey) implements AutoCloseable {
        @Override
        public void close() {
            stack.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        // The root store closes its values when the whole run ends, after every test class.
        context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(SystemStack.class, key -> start(), Running.class);
    }

    static Running running() {
        if (running == null) {
            throw new IllegalStateException("the stack is not started: annotate the test class with @SystemTest");
        }
        return running;
    }

    static Shop shop() {
        return running().shop();
    }

    static LocalStack stack() {
        return running().stack();
    }

    private static synchronized Running start() {
        if (running != null) {
            return running;
        }
        Path root = Path.of(System.getProperty("northwind.repository-root", ".."))
                .toAbsolutePath()
                .normalize();
        Path workDir = Path.of(System.getProperty(
                        "northwind.system-tests.work-dir",
                        root.resolve("system-tests/target/stack").toString()))
                .toAbsolutePath();
        KeyPair key = rsaKeyPair();
        String database = "nwsys_" + Instant.now().getEpochSecond() + "_"
                + Integer.toUnsignedString(ThreadLocalRandom.current().nextInt(), 36);
        var stack = LocalStack.builder(root)
                .freePorts()
                .ownDatabase(database)
                .ownRedis()
                .workDir(workDir)
                .jvmFlags(JVM_FLAGS)
                .out(console(workDir))
                // A known signing key, so that tests can mint expired and otherwise doctored tokens with it.
                .serviceEnvironment("NORTHWIND_USERS_TOKENS_KEYS_0_ID", SIGNING_KEY_ID)
                .serviceEnvironment("NORTHWIND_USERS_TOKENS_KEYS_0_PRIVATEKEY", pem(key))
                // Every test request comes from 127.0.0.1: the per-client limits would throttle the races.
                .serviceEnvironment("RATE_LIMIT_API_RATE", "5000")
                .serviceEnvironment("RATE_LIMIT_API_BURST", "10000")
                .serviceEnvironment("RATE_LIMIT_AUTH_RATE", "1000")
                .serviceEnvironment("RATE_LIMIT_AUTH_BURST", "2000")
                .serviceEnvironment("LOGIN_MAX_FAILURES_PER_IP", "1000")
                // Two busy cores: a first request on a cold JVM (or an Argon2 hash under load) may take seconds;
                // the tests are about behaviour, not latency, so the gateway and order-service wait longer.
                .serviceEnvironment("SPRING_APPLICATION_JSON", PATIENT_TIMEOUTS)
                .serviceEnvironment("PRODUCT_SERVICE_READ_TIMEOUT", "15s")
                // Five services share one PostgreSQL with other test runs: five connections each, not ten.
                .serviceEnvironment("DB_POOL_SIZE", "5")
                .serviceEnvironment("ORDER_SERVICE_READ_TIMEOUT", "15s")
                // A payment left PENDING by a crash is settled within seconds, not the production half minute.
                .serviceEnvironment("PAYMENT_RESOLVE_AFTER", "PT5S")
                .serviceEnvironment("PAYMENT_RESOLVER_INTERVAL", "PT2S")
                .serviceEnvironment("REDIS_CONNECT_TIMEOUT", "1s")
                // Spring Cloud CircuitBreaker puts a Resilience4j bulkhead (25 concurrent calls by default) in front
                // of each service: the 100-customer race would get 503s from the gateway instead of 201/409.
                .serviceEnvironment("SPRING_CLOUD_CIRCUITBREAKER_BULKHEAD_RESILIENCE4J_ENABLED", "false")
                .build();
        long started = System.nanoTime();
        try {
            stack.start();
        } catch (Exception e) {
            stack.close();
            throw new IllegalStateException(
                    "the stack did not start: " + e.getMessage() + " (logs in " + workDir.resolve("logs") + ")", e);
        }
        var shop = new Shop(stack.gatewayUri());
        try {
            warmUp(shop);
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        System.out.printf(
                "System stack ready in %d s: gateway %s, database %s%n",
                Duration.ofNanos(System.nanoTime() - started).toSeconds(),
                stack.gatewayUri(),
                stack.database().url());
        running = new Running(stack, shop, key);
        return running;
    }

    /**
     * Waits until every route answers through the gateway: the gateway's health checks have seen each instance, and
     * each service has served its first request. Only then do the tests begin, so none of them measures a cold start.
     */
    static void warmUp(Shop shop) {
        org.awaitility.Awaitility.await("the gateway serves every service")
                .atMost(WARM_UP)
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> {
                    if (shop.get("/api/products?size=1").send().status() != 200
                            || shop.get("/api/categories").send().status() != 200) {
                        return false;
                    }
                    var login = shop.post("/api/auth/login")
                            .json(java.util.Map.of(
                                    "email", LocalStack.DEMO_ADMIN_EMAIL, "password", LocalStack.DEMO_ADMIN_PASSWORD))
                            .send();
                    if (login.status() != 200) {
                        return false;
                    }
                    String token = login.json().get("accessToken").asString();
                    return shop.get("/api/users/me").token(token).send().status() == 200
                            && shop.get("/api/orders").token(token).send().status() == 200;
                });
    }

    /** The launcher's progress goes to a file next to the logs, and to the test's output. */
    private static PrintStream console(Path workDir) {
        try {
            Files.createDirectories(workDir);
            var file = Files.newOutputStream(workDir.resolve("launcher.log"));
            return new PrintStream(new TeeStream(file, System.out), true, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return System.out;
        }
    }

    private static KeyPair rsaKeyPair() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(KeyPair key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(key.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    /** Writes to two streams. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream first;
        private final java.io.OutputStream second;

        TeeStream(java.io.OutputStream first, java.io.OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
            second.flush();
        }

        @Override
        public void close() throws IOException {
            first.close();
        }
    }

    static URI gateway() {
        return stack().gatewayUri();
    }
}
