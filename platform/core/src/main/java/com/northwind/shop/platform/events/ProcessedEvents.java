package com.northwind.shop.platform.events;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a subscription's handler effectively once per event: in a transaction that first records the event id in
 * {@code processed_events} for the group, so a redelivery finds the id and changes nothing. The handler gets the
 * payload read into its record, in a span that continues the trace the event carries.
 */
final class ProcessedEvents {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final JsonMapper json;
    private final ObjectProvider<Tracer> tracer;

    ProcessedEvents(
            JdbcTemplate jdbc, TransactionTemplate transaction, JsonMapper json, ObjectProvider<Tracer> tracer) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.json = json;
        this.tracer = tracer;
    }

    /**
     * Runs the handler in a transaction that records the event id; false if this group had handled the event
     * before. Throws what the handler or the database threw.
     */
    boolean handleOnce(Subscription subscription, Event event) {
        Boolean fresh = transaction.execute(status -> {
            int inserted = jdbc.update(
                    "INSERT INTO processed_events (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    subscription.group(),
                    event.id());
            if (inserted == 0) {
                return false;
            }
            handleTraced(subscription, event);
            return true;
        });
        return Boolean.TRUE.equals(fresh);
    }

    private void handleTraced(Subscription subscription, Event event) {
        Tracer current = tracer.getIfAvailable();
        TraceContext parent = current != null ? parent(current, event.traceparent()) : null;
        if (current == null) {
            subscription.handle(event, json);
            return;
        }
        Span.Builder builder = current.spanBuilder()
                .name("handle " + event.type())
                .tag("event.id", event.id().toString())
                .tag("consumer.group", subscription.group());
        if (parent != null) {
            builder.setParent(parent);
        }
        Span span = builder.start();
        try (Tracer.SpanInScope scope = current.withSpan(span)) {
            subscription.handle(event, json);
        } catch (RuntimeException ex) {
            span.error(ex);
            throw ex;
        } finally {
            span.end();
        }
    }

    private static @Nullable TraceContext parent(Tracer tracer, @Nullable String traceparent) {
        if (traceparent == null) {
            return null;
        }
        String[] parts = traceparent.split("-");
        if (parts.length != 4) {
            return null;
        }
        return tracer.traceContextBuilder()
                .traceId(parts[1])
                .spanId(parts[2])
                .sampled("01".equals(parts[3]))
                .build();
    }
}
