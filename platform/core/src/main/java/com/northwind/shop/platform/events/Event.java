package com.northwind.shop.platform.events;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An event as it travels between services: the envelope every event carries, and its payload as JSON. Consumers
 * read the payload into their own record with only the fields they use; no event class is shared.
 *
 * @param id unique id, used by consumers to recognise a redelivery
 * @param type what happened, e.g. {@code PaymentSucceeded}
 * @param occurredAt when the change was made (when its outbox row was written)
 * @param aggregateId the id of the aggregate that changed, e.g. the order id
 * @param aggregateVersion the aggregate's version after the change, so consumers can ignore stale events
 * @param traceparent the W3C trace context of the request that caused it, if any
 * @param payload the event's data as a JSON object
 */
public record Event(
        UUID id,
        String type,
        Instant occurredAt,
        String aggregateId,
        long aggregateVersion,
        @Nullable String traceparent,
        String payload) {

    static final String ID = "id";
    static final String TYPE = "type";
    static final String OCCURRED_AT = "occurredAt";
    static final String AGGREGATE_ID = "aggregateId";
    static final String AGGREGATE_VERSION = "aggregateVersion";
    static final String TRACEPARENT = "traceparent";
    static final String PAYLOAD = "payload";

    /** The stream entry's fields. */
    Map<String, String> toFields() {
        Map<String, String> fields = new HashMap<>();
        fields.put(ID, id.toString());
        fields.put(TYPE, type);
        fields.put(OCCURRED_AT, occurredAt.toString());
        fields.put(AGGREGATE_ID, aggregateId);
        fields.put(AGGREGATE_VERSION, Long.toString(aggregateVersion));
        if (traceparent != null) {
            fields.put(TRACEPARENT, traceparent);
        }
        fields.put(PAYLOAD, payload);
        return fields;
    }

    /** Reads a stream entry; throws {@link IllegalArgumentException} if a required field is missing or malformed. */
    static Event fromFields(Map<?, ?> fields) {
        return new Event(
                UUID.fromString(required(fields, ID)),
                required(fields, TYPE),
                Instant.parse(required(fields, OCCURRED_AT)),
                required(fields, AGGREGATE_ID),
                Long.parseLong(required(fields, AGGREGATE_VERSION)),
                fields.get(TRACEPARENT) instanceof String trace ? trace : null,
                required(fields, PAYLOAD));
    }

    private static String required(Map<?, ?> fields, String name) {
        if (fields.get(name) instanceof String value) {
            return value;
        }
        throw new IllegalArgumentException("Event field '" + name + "' is missing");
    }
}
