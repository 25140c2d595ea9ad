package com.northwind.shop.platform.events;

import com.northwind.shop.platform.tx.AfterCommit;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records an event in the same transaction as the state change it describes. Nothing is sent here: the
 * {@link OutboxRelay} publishes committed rows, so an event exists exactly when its change was committed.
 */
public class Outbox {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final ObjectProvider<Tracer> tracer;
    private final Runnable afterCommit;

    Outbox(JdbcTemplate jdbc, JsonMapper json, ObjectProvider<Tracer> tracer, Runnable afterCommit) {
        this.jdbc = jdbc;
        this.json = json;
        this.tracer = tracer;
        this.afterCommit = afterCommit;
    }

    /**
     * Appends an event to the outbox. Must run inside the transaction that makes the change. The event's time is the
     * database's ({@code now()}: the transaction's start, the clock every deadline and {@link SagaMetrics}' outbox
     * age compare with), not the JVM's, which may drift from it and differs between instances.
     *
     * @param event what happened: goes to its {@link PublishedEvent#stream()} as its {@link PublishedEvent#type()},
     *     its components serialised to JSON as the payload
     * @param aggregateId the id of the changed aggregate
     * @param aggregateVersion the aggregate's version after the change
     * @return the event's id
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID append(PublishedEvent event, Object aggregateId, long aggregateVersion) {
        UUID id = UUID.randomUUID();
        jdbc.update(
                """
                INSERT INTO outbox_events
                    (id, stream, type, aggregate_id, aggregate_version, payload, traceparent, occurred_at)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, now())
                """,
                id,
                event.stream(),
                event.type(),
                aggregateId.toString(),
                aggregateVersion,
                json.writeValueAsString(event),
                traceparent());
        AfterCommit.run(afterCommit);
        return id;
    }

    private @Nullable String traceparent() {
        Tracer current = tracer.getIfAvailable();
        Span span = current != null ? current.currentSpan() : null;
        if (span == null) {
            return null;
        }
        boolean sampled = Boolean.TRUE.equals(span.context().sampled());
        return "00-" + span.context().traceId() + "-" + span.context().spanId() + (sampled ? "-01" : "-00");
    }
}
