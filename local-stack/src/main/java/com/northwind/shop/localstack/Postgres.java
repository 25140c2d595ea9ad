package com.northwind.shop.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL for the stack: the configured server ({@code DB_URL}, default localhost:5432) when it accepts
 * connections, else an embedded one (zonky's binaries) whose data stays in a folder between runs. Either way the
 * database named in the URL ({@code shop}) is created when missing.
 */
final class Postgres implements AutoCloseable {

    static final String DEFAULT_URL = "jdbc:postgresql://localhost:5432/shop";
    static final String DEFAULT_USERNAME = "postgres";

    /** Port of the embedded server: not 5432, so it never shadows a server started later. */
    static final int EMBEDDED_PORT = 15432;

    private final String url;
    private final String username;
    private final String password;
    private final @Nullable EmbeddedPostgres embedded;
    private final @Nullable Path dataDir;

    private Postgres(
            String url, String username, String password, @Nullable EmbeddedPostgres embedded, @Nullable Path dataDir) {
        this.url = url;
        this.username = username;
        this.password = password;
        this.embedded = embedded;
        this.dataDir = dataDir;
    }

    /** Uses the configured server if reachable, else starts the embedded one on {@code port}. */
    static Postgres configuredOrEmbedded(Map<String, String> env, Path dataDir, Path log, int port)
            throws IOException, SQLException {
        String url = env.getOrDefault(EnvNames.DB_URL, DEFAULT_URL);
        String username = env.getOrDefault(EnvNames.DB_USERNAME, DEFAULT_USERNAME);
        String password = env.getOrDefault(EnvNames.DB_PASSWORD, "");
        var address = JdbcAddress.parse(url);
        Postgres postgres;
        if (Ports.reachable(address.host(), address.port())) {
            postgres = new Postgres(url, username, password, null, null);
        } else {
            postgres = embedded(dataDir, log, port, address.database());
        }
        postgres.createDatabaseIfMissing();
        return postgres;
    }

    /** Starts (or restarts on the kept data) an embedded server; its own log goes to {@code log}. */
    static Postgres embedded(Path dataDir, Path log, int port, String database) throws IOException {
        if (!Ports.free(port)) {
            throw new IllegalStateException("port " + port + " for the embedded PostgreSQL is in use by another "
                    + "process; free it or point DB_URL at a running server");
        }
        Files.createDirectories(dataDir);
        Files.createDirectories(log.toAbsolutePath().getParent());
        Files.deleteIfExists(dataDir.resolve("postmaster.pid")); // left behind if the last run was killed
        var redirect = ProcessBuilder.Redirect.appendTo(log.toFile());
        var pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setOutputRedirector(redirect)
                .setErrorRedirector(redirect)
                .start();
        return new Postgres("jdbc:postgresql://localhost:" + port + "/" + database, DEFAULT_USERNAME, "", pg, dataDir);
    }

    private void createDatabaseIfMissing() throws SQLException {
        var address = JdbcAddress.parse(url);
        String admin = "jdbc:postgresql://" + address.host() + ":" + address.port() + "/postgres";
        try (var connection = DriverManager.getConnection(admin, username, password);
                var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, address.database());
            try (var rows = exists.executeQuery()) {
                if (!rows.next()) {
                    try (var create = connection.createStatement()) {
                        create.execute("CREATE DATABASE \"" + address.database().replace("\"", "\"\"") + "\"");
                    }
                }
            }
        }
    }

    /**
     * Drops the database named in the URL, ending whatever sessions are still connected to it (a test run's own
     * database; never called for the launcher's {@code shop}).
     */
    void dropDatabase() throws SQLException {
        var address = JdbcAddress.parse(url);
        String admin = "jdbc:postgresql://" + address.host() + ":" + address.port() + "/postgres";
        try (var connection = DriverManager.getConnection(admin, username, password);
                var drop = connection.createStatement()) {
            drop.execute("DROP DATABASE IF EXISTS \"" + address.database().replace("\"", "\"\"") + "\" WITH (FORCE)");
        }
    }

    String username() {
        return username;
    }

    String password() {
        return password;
    }

    Connections connections(String redisHost, int redisPort) {
        return new Connections(url, username, password, redisHost, redisPort);
    }

    boolean isEmbedded() {
        return embedded != null;
    }

    int port() {
        return JdbcAddress.parse(url).port();
    }

    /** The embedded server's postmaster pid, if it runs. */
    Optional<Long> pid() {
        if (dataDir == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid"))
                    .getFirst()
                    .strip()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    String url() {
        return url;
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }

    /** Host, port and database of a {@code jdbc:postgresql://host[:port]/database[?...]} URL. */
    record JdbcAddress(String host, int port, String database) {

        static JdbcAddress parse(String jdbcUrl) {
            if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
                throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
            }
            var uri = URI.create(jdbcUrl.substring("jdbc:".length()));
            String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
            return new JdbcAddress(
                    uri.getHost() == null ? "localhost" : uri.getHost(),
                    uri.getPort() == -1 ? 5432 : uri.getPort(),
                    path.isEmpty() ? "postgres" : path);
        }
    }
}
