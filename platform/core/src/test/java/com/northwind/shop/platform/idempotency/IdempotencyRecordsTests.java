package com.northwind.shop.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import com.northwind.shop.platform.test.RealInfrastructure;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;

@SpringBootTest(
        classes = IdempotencyRecordsTests.App.class,
        properties = {
            "spring.main.web-application-type=none",
            "northwind.db.schema=idempotency_test",
            "spring.flyway.locations=classpath:northwind/idempotency"
        })
@RealInfrastructure
class IdempotencyRecordsTests {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aKeyWhoseRequestFailedWithTheDatabaseIsFreeOnceTheDatabaseIsBack() {
        IdempotencyRecords records = new IdempotencyRecords(jdbc);
        UUID user = UUID.randomUUID();
        assertThat(records.claim(user, "k-1", "a".repeat(64))).isEmpty();

        // The request failed because PostgreSQL went away; giving the key up fails the same way at first.
        AtomicBoolean databaseAway = new AtomicBoolean(true);
        IdempotencyRecords duringOutage = new IdempotencyRecords(new JdbcTemplate(new DelegatingDataSource(dataSource) {
            @Override
            public Connection getConnection() throws SQLException {
                if (databaseAway.get()) {
                    throw new SQLTransientConnectionException("database away");
                }
                return super.getConnection();
            }
        }));
        assertThatCode(() -> duringOutage.abandon(user, "k-1")).doesNotThrowAnyException();
        assertThat(state(user, "k-1")).isEqualTo(1);

        databaseAway.set(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> state(user, "k-1") == 0);
        assertThat(records.claim(user, "k-1", "a".repeat(64))).isEmpty();
    }

    private int state(UUID user, String key) {
        Integer count = jdbc.queryForObject(
                "SELECT count(*) FROM idempotency_records WHERE user_id = ? AND idempotency_key = ?",
                Integer.class,
                user,
                key);
        return count != null ? count : 0;
    }

    @SpringBootApplication
    static class App {}
}
