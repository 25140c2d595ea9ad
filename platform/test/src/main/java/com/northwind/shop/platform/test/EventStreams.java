package com.northwind.shop.platform.test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Other services' events, written into the real Redis streams (under the test run's key prefix) in the platform's
 * stream entry format, as its outbox relay writes them, and what the service under test published there.
 */
public final class EventStreams {

    private final StringRedisTemplate redis;
    private final String keyPrefix;

    public EventStreams(StringRedisTemplate redis, String keyPrefix) {
        this.redis = redis;
        this.keyPrefix = keyPrefix;
    }

    /** Appends an event with a fresh id; returns the id. */
    public UUID publish(String stream, String type, Object aggregateId, String payload) {
        UUID id = UUID.randomUUID();
        publish(stream, id, type, aggregateId, payload);
        return id;
    }

    /** Appends an event with the given id (the same id twice is a redelivery). */
    public void publish(String stream, UUID id, String type, Object aggregateId, String payload) {
        publish(stream, id, type, aggregateId, 1, payload);
    }

    /** Appends an event with the given id, its aggregate at this version. */
    public void publish(String stream, UUID id, String type, Object aggregateId, long version, String payload) {
        redis.opsForStream()
                .add(MapRecord.create(
                        keyPrefix + stream,
                        Map.of(
                                "id",
                                id.toString(),
                                "type",
                                type,
                                "occurredAt",
                                Instant.now().toString(),
                                "aggregateId",
                                aggregateId.toString(),
                                "aggregateVersion",
                                Long.toString(version),
                                "payload",
                                payload)));
    }

    /** The entries of a stream about one aggregate, oldest first. */
    public List<Map<Object, Object>> entries(String stream, Object aggregateId) {
        return redis.opsForStream().range(keyPrefix + stream, Range.unbounded()).stream()
                .map(MapRecord::getValue)
                .filter(fields -> aggregateId.toString().equals(fields.get("aggregateId")))
                .toList();
    }
}
