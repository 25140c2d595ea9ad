package com.northwind.shop.platform.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes committed outbox rows to their Redis streams and marks them published. Several instances can run at
 * once: each pass locks the rows it takes with {@code FOR UPDATE SKIP LOCKED}, so a row is taken by one pass only.
 * A crash after publishing but before marking publishes the row again later: delivery is at least once, and
 * consumers recognise the repeat by the event id.
 */
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final StringRedisTemplate redis;
    private final EventsProperties properties;
    private final StreamKeys keys;
    private final OutboxMaintenance maintenance;

    OutboxRelay(
            JdbcTemplate jdbc,
            TransactionTemplate transaction,
            StringRedisTemplate redis,
            EventsProperties properties,
            StreamKeys keys,
            OutboxMaintenance maintenance) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.redis = redis;
        this.properties = properties;
        this.keys = keys;
        this.maintenance = maintenance;
    }

    /** The most rows one {@link #publishBatch()} takes. */
    int batchSize() {
        return properties.relayBatchSize();
    }

    /** Publishes one batch; returns how many events went out. Never throws: a failed pass is retried later. */
    public int publishBatch() {
        try {
            Integer published = transaction.execute(status -> {
                List<PendingRow> rows = jdbc.query("""
                        SELECT id, stream, type, aggregate_id, aggregate_version, payload::text, traceparent,
                               occurred_at
                        FROM outbox_events
                        WHERE published_at IS NULL
                        ORDER BY occurred_at
                        LIMIT ?
                        FOR UPDATE SKIP LOCKED
                        """, OutboxRelay::row, properties.relayBatchSize());
                // No MAXLEN here: it would trim entries a consumer group has not read. OutboxMaintenance trims below
                // what every group acknowledged.
                for (PendingRow row : rows) {
                    redis.opsForStream()
                            .add(MapRecord.create(
                                    keys.streamKey(row.stream()), row.event().toFields()));
                    maintenance.published(row.stream());
                }
                if (!rows.isEmpty()) {
                    jdbc.update("UPDATE outbox_events SET published_at = now() WHERE id = ANY (?)", (Object)
                            rows.stream().map(r -> r.event().id()).toArray(UUID[]::new));
                }
                return rows.size();
            });
            return published != null ? published : 0;
        } catch (RuntimeException ex) {
            log.warn("Outbox relay pass failed; the rows stay pending and are retried", ex);
            return 0;
        }
    }

    private static PendingRow row(ResultSet rs, int rowNum) throws SQLException {
        return new PendingRow(
                rs.getString("stream"),
                new Event(
                        rs.getObject("id", UUID.class),
                        rs.getString("type"),
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("aggregate_id"),
                        rs.getLong("aggregate_version"),
                        rs.getString("traceparent"),
                        rs.getString("payload")));
    }

    private record PendingRow(String stream, Event event) {}
}
