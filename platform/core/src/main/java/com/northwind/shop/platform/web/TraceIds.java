package com.northwind.shop.platform.web;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Finds the trace id of the request being answered. The request's observation is preferred over the current span
 * because error pages are rendered after the request span may have left the thread.
 */
public final class TraceIds {

    private final ObjectProvider<Tracer> tracer;

    public TraceIds(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer;
    }

    /** The trace id from the request's observation context, else from the current span, else {@code null}. */
    public @Nullable String of(Observation.@Nullable Context requestObservation) {
        if (requestObservation != null) {
            TracingObservationHandler.TracingContext tracing =
                    requestObservation.get(TracingObservationHandler.TracingContext.class);
            if (tracing != null && tracing.getSpan() != null) {
                return tracing.getSpan().context().traceId();
            }
        }
        Tracer current = tracer.getIfAvailable();
        Span span = current != null ? current.currentSpan() : null;
        return span != null ? span.context().traceId() : null;
    }
}
