package com.northwind.shop.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded fallback for real: zonky's PostgreSQL binaries, started in a temporary data folder. */
class PostgresTests {

    @TempDir
    static Path dir;

    private static Postgres embedded;

    /** Nothing listens here, so the launcher falls back to the embedded server. */
    @BeforeAll
    static void startEmbeddedBecauseTheConfiguredServerIsUnreachable() throws Exception {
        var unreachable = "jdbc:postgresql://localhost:" + Ports.anyFree() + "/shop";
        embedded = Postgres.configuredOrEmbedded(
                Map.of(EnvNames.DB_URL, unreachable),
                dir.resolve("data"),
                dir.resolve("logs/postgres.log"),
                Ports.anyFree());
    }

    @AfterAll
    static void stop() throws Exception {
        embedded.close();
    }

    @Test
    void fallsBackToAnEmbeddedServerWithTheShopDatabaseThatAcceptsConnections() throws Exception {
        assertThat(embedded.isEmbedded()).isTrue();
        assertThat(embedded.url()).endsWith("/shop");
        assertThat(embedded.pid()).isPresent();
        try (var connection = DriverManager.getConnection(embedded.url(), "postgres", "");
                var rows = connection.createStatement().executeQuery("SELECT current_database()")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("shop");
        }
        assertThat(dir.resolve("data/PG_VERSION")).exists(); // kept in the given folder between runs
    }

    @Test
    void usesAReachableConfiguredServerAndCreatesItsDatabaseWhenMissing() throws Exception {
        var url = "jdbc:postgresql://localhost:" + embedded.port() + "/configured_db";

        try (var configured = Postgres.configuredOrEmbedded(
                Map.of(EnvNames.DB_URL, url, EnvNames.DB_USERNAME, "postgres"),
                dir.resolve("unused"),
                dir.resolve("logs/unused.log"),
                Ports.anyFree())) {
            assertThat(configured.isEmbedded()).isFalse();
            try (var connection = DriverManager.getConnection(url, "postgres", "")) {
                assertThat(connection.isValid(2)).isTrue();
            }
        }
        assertThat(dir.resolve("unused")).doesNotExist();
    }

    @Test
    void readsHostPortAndDatabaseFromJdbcUrls() {
        assertThat(Postgres.JdbcAddress.parse("jdbc:postgresql://db.internal:6543/shop?sslmode=require"))
                .isEqualTo(new Postgres.JdbcAddress("db.internal", 6543, "shop"));
        assertThat(Postgres.JdbcAddress.parse("jdbc:postgresql://localhost/shop"))
                .isEqualTo(new Postgres.JdbcAddress("localhost", 5432, "shop"));
    }
}
