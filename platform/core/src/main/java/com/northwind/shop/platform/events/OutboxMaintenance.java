package com.northwind.shop.platform.events;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.stream.PendingMessagesSummary;
import org.springframework.data.redis.connection.stream.StreamInfo;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps the streams this service publishes to, and its outbox, in bounds without losing an event:
 *
 * <ul>
 *   <li>a stream is trimmed (once it is longer than {@code streamMaxLength}) only below the oldest entry some
 *       consumer group has not acknowledged: {@code XTRIM MINID} at the minimum over groups of their oldest pending
 *       entry, or of their last delivered entry if nothing is pending; a stream without groups is not trimmed;
 *   <li>published outbox rows are kept for {@code outboxRetention}, the replay window;
 *   <li>when Redis comes back as a new process (its {@code run_id} changed: a restart, which under {@code
 *       appendfsync everysec} may have lost up to a second of acknowledged writes, or a failover) the rows published
 *       in the last {@code republishWindow} are published again; consumers recognise the ones they had by event id.
 * </ul>
 */
class OutboxMaintenance {

    private static final Logger log = LoggerFactory.getLogger(OutboxMaintenance.class);

    private final JdbcTemplate jdbc;
    private final StringRedisTemplate redis;
    private final EventsProperties properties;
    private final StreamKeys keys;
    private final Set<String> streams = ConcurrentHashMap.newKeySet();
    private volatile boolean streamsLoaded;
    private volatile @Nullable String redisRunId;

    OutboxMaintenance(JdbcTemplate jdbc, StringRedisTemplate redis, EventsProperties properties, StreamKeys keys) {
        this.jdbc = jdbc;
        this.redis = redis;
        this.properties = properties;
        this.keys = keys;
    }

    /** Remembers a stream the relay published to, so it is trimmed too. */
    void published(String stream) {
        streams.add(stream);
    }

    /** One maintenance pass: trims and deletes what is past the replay window; never throws. */
    void run() {
        try {
            trimStreams();
        } catch (RuntimeException ex) {
            log.warn("Trimming the event streams failed; retried on the next pass", ex);
        }
        try {
            deleteExpired();
        } catch (RuntimeException ex) {
            log.warn("Deleting outbox rows past the replay window failed; retried on the next pass", ex);
        }
    }

    /** Looks whether Redis is a new process since the last look; never throws. */
    void checkRedis() {
        try {
            Properties info = redis.execute(
                    (RedisCallback<Properties>) c -> c.serverCommands().info("server"));
            String runId = info != null ? info.getProperty("run_id") : null;
            if (runId != null) {
                observedRedisRunId(runId);
            }
        } catch (RuntimeException ex) {
            log.debug("Redis did not answer INFO; looked at again later", ex);
        }
    }

    /** Publishes recent rows again if {@code runId} is not the Redis process seen before; returns how many. */
    int observedRedisRunId(String runId) {
        String previous = redisRunId;
        redisRunId = runId;
        if (previous == null || previous.equals(runId)) {
            return 0;
        }
        int again = jdbc.update("""
                UPDATE outbox_events SET published_at = NULL
                WHERE published_at > now() - make_interval(secs => ?)
                """, properties.republishWindow().toSeconds());
        log.warn(
                "Redis is a new process (run_id {} -> {}); publishing the {} events of the last {} again",
                previous,
                runId,
                again,
                properties.republishWindow());
        return again;
    }

    /** Trims every stream this service publishes to below what every group acknowledged. */
    void trimStreams() {
        if (!streamsLoaded) {
            streams.addAll(jdbc.queryForList("SELECT DISTINCT stream FROM outbox_events", String.class));
            streamsLoaded = true;
        }
        for (String stream : List.copyOf(streams)) {
            trim(keys.streamKey(stream));
        }
    }

    /** Trims one stream; returns how many entries went. */
    long trim(String key) {
        Long length = redis.opsForStream().size(key);
        if (length == null || length <= properties.streamMaxLength()) {
            return 0;
        }
        String bound = acknowledgedBound(key);
        if (bound == null) {
            return 0;
        }
        byte[][] args = {
            key.getBytes(StandardCharsets.UTF_8),
            "MINID".getBytes(StandardCharsets.UTF_8),
            bound.getBytes(StandardCharsets.UTF_8)
        };
        @Nullable Object trimmed = redis.execute((RedisCallback<@Nullable Object>) c -> execute(c, args));
        long count = trimmed instanceof Number n ? n.longValue() : 0;
        if (count > 0) {
            log.debug("Trimmed {} entries of {} below {}", count, key, bound);
        }
        return count;
    }

    private static @Nullable Object execute(RedisConnection connection, byte[][] args) {
        return connection.execute("XTRIM", args);
    }

    /**
     * The lowest id some group still needs: its oldest pending entry, or (nothing pending) its last delivered one,
     * which it has acknowledged and may be kept. Null if the stream has no group, so nothing is known to be safe.
     */
    @Nullable
    String acknowledgedBound(String key) {
        StreamInfo.XInfoGroups groups = redis.opsForStream().groups(key);
        if (groups == null || groups.isEmpty()) {
            return null;
        }
        StreamId lowest = null;
        for (StreamInfo.XInfoGroup group : groups) {
            StreamId bound;
            if (group.pendingCount() > 0) {
                PendingMessagesSummary pending = redis.opsForStream().pending(key, group.groupName());
                if (pending == null || pending.minMessageId() == null) {
                    return null;
                }
                bound = StreamId.parse(pending.minMessageId());
            } else {
                bound = StreamId.parse(group.lastDeliveredId());
            }
            if (lowest == null || bound.compareTo(lowest) < 0) {
                lowest = bound;
            }
        }
        return lowest != null ? lowest.toString() : null;
    }

    /** Deletes published rows older than the replay window; returns how many. */
    int deleteExpired() {
        return jdbc.update("""
                DELETE FROM outbox_events WHERE id IN (
                    SELECT id FROM outbox_events
                    WHERE published_at < now() - make_interval(secs => ?)
                    LIMIT 10000)
                """, properties.outboxRetention().toSeconds());
    }

    /** A stream entry id, {@code <millis>-<sequence>}, ordered as Redis orders them. */
    record StreamId(long millis, long sequence) implements Comparable<StreamId> {

        static StreamId parse(String id) {
            int dash = id.indexOf('-');
            return dash < 0
                    ? new StreamId(Long.parseLong(id), 0)
                    : new StreamId(Long.parseLong(id.substring(0, dash)), Long.parseLong(id.substring(dash + 1)));
        }

        @Override
        public int compareTo(StreamId other) {
            int byMillis = Long.compare(millis, other.millis);
            return byMillis != 0 ? byMillis : Long.compare(sequence, other.sequence);
        }

        @Override
        public String toString() {
            return millis + "-" + sequence;
        }
    }
}
