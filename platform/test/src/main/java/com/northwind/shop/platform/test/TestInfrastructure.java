package com.northwind.shop.platform.test;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The real PostgreSQL and Redis that integration tests of this JVM run against, started once and shared.
 *
 * <p>Where a Docker engine answers and has (or can pull) the images, both come from Testcontainers. Otherwise the servers already running on this
 * machine are used, isolated per run: a fresh database named {@code nwtest_<epoch>_<random>} is created and dropped
 * again at JVM exit, and Redis keys live under a per-run prefix that is deleted at exit. Databases left behind by a
 * killed run are dropped by the next run once they are older than a few hours. {@code TEST_INFRA=local|docker}
 * forces a mode; {@code TEST_PG_HOST}, {@code TEST_PG_PORT}, {@code TEST_PG_USER}, {@code TEST_PG_PASSWORD},
 * {@code TEST_REDIS_HOST} and {@code TEST_REDIS_PORT} point at other local servers.
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static final String DB_PREFIX = "nwtest_";
    private static final Duration STALE_AFTER = Duration.ofHours(6);
    private static final Duration PULL_TIMEOUT = Duration.ofSeconds(60);
    private static final String POSTGRES_IMAGE = "postgres:15-alpine";
    private static final String REDIS_IMAGE = "redis:7-alpine";

    private static volatile @Nullable TestInfrastructure instance;

    private final Postgres postgres;
    private final Redis redis;

    private TestInfrastructure(Postgres postgres, Redis redis) {
        this.postgres = postgres;
        this.redis = redis;
    }

    /** The infrastructure of this JVM, started on first use. */
    public static TestInfrastructure get() {
        TestInfrastructure current = instance;
        if (current == null) {
            synchronized (TestInfrastructure.class) {
                current = instance;
                if (current == null) {
                    current = start();
                    instance = current;
                }
            }
        }
        return current;
    }

    /** Where the test database is. */
    public Postgres postgres() {
        return postgres;
    }

    /** Where Redis is, and the key prefix this run must write under. */
    public Redis redis() {
        return redis;
    }

    private static TestInfrastructure start() {
        String id = Instant.now().getEpochSecond() + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        boolean docker = useDocker();
        log.info("Integration tests run against {} PostgreSQL and Redis", docker ? "Testcontainers" : "local");
        return docker ? startContainers(id) : startLocal(id);
    }

    private static boolean useDocker() {
        String mode = env("TEST_INFRA", "auto").toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "docker" -> true;
            case "local" -> false;
            default -> dockerAvailable();
        };
    }

    /**
     * A daemon that answers is not enough: where the registry is unreachable (CI builds its own stand-in images and
     * runs dockerd for the container tests) the images must already be there or be pullable, else every test class
     * would fail on a pull instead of using the local servers.
     */
    private static boolean dockerAvailable() {
        try {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                return false;
            }
            DockerClient client = DockerClientFactory.instance().client();
            for (String image : List.of(POSTGRES_IMAGE, REDIS_IMAGE)) {
                if (!imagePresentOrPulled(client, image)) {
                    log.info(
                            "Docker answers but image {} is neither present nor pullable: using the local servers",
                            image);
                    return false;
                }
            }
            return true;
        } catch (RuntimeException | LinkageError ex) {
            return false;
        }
    }

    private static boolean imagePresentOrPulled(DockerClient client, String image) {
        try {
            client.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException absent) {
            try {
                return client.pullImageCmd(image)
                        .exec(new PullImageResultCallback())
                        .awaitCompletion(PULL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return false;
            } catch (RuntimeException ex) {
                return false;
            }
        }
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM exits
    private static TestInfrastructure startContainers(String id) {
        PostgreSQLContainer pg = new PostgreSQLContainer(POSTGRES_IMAGE).withDatabaseName(DB_PREFIX + id);
        GenericContainer<?> redis = new GenericContainer<>(REDIS_IMAGE).withExposedPorts(6379);
        pg.start();
        redis.start();
        return new TestInfrastructure(
                new Postgres(pg.getJdbcUrl(), pg.getUsername(), pg.getPassword()),
                new Redis(redis.getHost(), redis.getMappedPort(6379), keyPrefix(id)));
    }

    private static TestInfrastructure startLocal(String id) {
        String host = env("TEST_PG_HOST", "localhost");
        String port = env("TEST_PG_PORT", "5432");
        String user = env("TEST_PG_USER", "postgres");
        String password = env("TEST_PG_PASSWORD", "");
        String adminUrl = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        String database = DB_PREFIX + id;
        try (Connection admin = DriverManager.getConnection(adminUrl, user, password);
                Statement sql = admin.createStatement()) {
            dropStaleDatabases(sql);
            sql.execute("CREATE DATABASE " + database);
        } catch (SQLException ex) {
            throw new IllegalStateException(
                    "No Docker engine and no PostgreSQL at " + adminUrl + " (set TEST_PG_* to point at one)", ex);
        }
        Redis redis = new Redis(
                env("TEST_REDIS_HOST", "localhost"), Integer.parseInt(env("TEST_REDIS_PORT", "6379")), keyPrefix(id));
        redis.ping();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            dropDatabase(adminUrl, user, password, database);
                            redis.deleteKeys();
                        },
                        "test-infrastructure-cleanup"));
        return new TestInfrastructure(
                new Postgres("jdbc:postgresql://" + host + ":" + port + "/" + database, user, password), redis);
    }

    private static void dropStaleDatabases(Statement sql) throws SQLException {
        List<String> stale = new ArrayList<>();
        long cutoff = Instant.now().minus(STALE_AFTER).getEpochSecond();
        try (ResultSet rs =
                sql.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '" + DB_PREFIX + "%'")) {
            while (rs.next()) {
                String name = rs.getString(1);
                String[] parts = name.substring(DB_PREFIX.length()).split("_");
                if (parts.length == 2 && parts[0].matches("\\d+") && Long.parseLong(parts[0]) < cutoff) {
                    stale.add(name);
                }
            }
        }
        for (String name : stale) {
            sql.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private static void dropDatabase(String adminUrl, String user, String password, String database) {
        try (Connection admin = DriverManager.getConnection(adminUrl, user, password);
                Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException ex) {
            log.warn("Could not drop test database {}; the next run drops it once stale", database, ex);
        }
    }

    private static String keyPrefix(String id) {
        return "nwtest:" + id + ":";
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /**
     * A PostgreSQL database of this run.
     *
     * @param jdbcUrl the JDBC URL of the fresh database
     * @param username a user that owns it
     * @param password that user's password
     */
    public record Postgres(String jdbcUrl, String username, String password) {}

    /**
     * A Redis server and the key prefix that isolates this run on it.
     *
     * @param host the server's host
     * @param port the server's port
     * @param keyPrefix every key this run writes starts with it
     */
    public record Redis(String host, int port, String keyPrefix) {

        /** Fails only after three attempts: on a loaded machine one connection handshake can take seconds. */
        void ping() {
            for (int attempt = 1; ; attempt++) {
                try {
                    withCommands(RedisCommands::ping);
                    return;
                } catch (IllegalStateException ex) {
                    if (attempt == 3) {
                        throw ex;
                    }
                    log.warn("Redis at {}:{} did not answer (attempt {} of 3)", host, port, attempt);
                }
            }
        }

        void deleteKeys() {
            try {
                withCommands(commands -> {
                    ScanCursor cursor = ScanCursor.INITIAL;
                    do {
                        KeyScanCursor<String> page = commands.scan(
                                cursor,
                                ScanArgs.Builder.matches(keyPrefix + "*").limit(500));
                        if (!page.getKeys().isEmpty()) {
                            commands.unlink(page.getKeys().toArray(String[]::new));
                        }
                        cursor = page;
                    } while (!cursor.isFinished());
                    return null;
                });
            } catch (RuntimeException ex) {
                log.warn("Could not delete Redis keys under {}", keyPrefix, ex);
            }
        }

        private <T extends @Nullable Object> T withCommands(
                java.util.function.Function<RedisCommands<String, String>, T> action) {
            RedisURI uri = RedisURI.builder()
                    .withHost(host)
                    .withPort(port)
                    .withTimeout(Duration.ofSeconds(5))
                    .build();
            RedisClient client = RedisClient.create(uri);
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                return action.apply(connection.sync());
            } catch (RuntimeException ex) {
                throw new IllegalStateException("No Redis at " + host + ":" + port + " (set TEST_REDIS_*)", ex);
            } finally {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
            }
        }
    }
}
