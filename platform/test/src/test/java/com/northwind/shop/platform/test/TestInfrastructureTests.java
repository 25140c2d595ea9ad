package com.northwind.shop.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class TestInfrastructureTests {

    private final TestInfrastructure infrastructure = TestInfrastructure.get();

    @Test
    void isSharedWithinTheJvm() {
        assertThat(TestInfrastructure.get()).isSameAs(infrastructure);
    }

    @Test
    void providesAFreshWritableDatabaseForThisRun() throws Exception {
        TestInfrastructure.Postgres postgres = infrastructure.postgres();
        try (Connection connection =
                        DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
                Statement sql = connection.createStatement()) {
            try (ResultSet rs = sql.executeQuery("SELECT current_database()")) {
                rs.next();
                assertThat(rs.getString(1)).startsWith("nwtest_");
            }
            sql.execute("CREATE TABLE IF NOT EXISTS harness_probe (id int PRIMARY KEY)");
            sql.execute("INSERT INTO harness_probe VALUES (1) ON CONFLICT DO NOTHING");
            try (ResultSet rs = sql.executeQuery("SELECT count(*) FROM harness_probe")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void providesRedisWithAPerRunKeyPrefix() {
        TestInfrastructure.Redis redis = infrastructure.redis();
        assertThat(redis.keyPrefix()).startsWith("nwtest:").endsWith(":");
        RedisClient client = RedisClient.create(RedisURI.create(redis.host(), redis.port()));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().set(redis.keyPrefix() + "probe", "1");
            assertThat(connection.sync().get(redis.keyPrefix() + "probe")).isEqualTo("1");
        } finally {
            client.shutdown();
        }
    }
}
