package com.northwind.shop.platform.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A consumer group's interest in one stream: the event types it handles, each with its handler. Declare one as a
 * bean and the platform runs it:
 *
 * <pre>{@code
 * Subscription.to("payments.events").group("order-service")
 *         .on(PaymentSucceeded.class, this::paymentSucceeded)
 *         .on(PaymentFailed.class, this::paymentFailed);
 * }</pre>
 *
 * An event's type is matched with the simple name of the record registered for it, and its payload is read into
 * that record, fields the record does not declare ignored: a consumer declares its own record with only the fields
 * it reads, no class is shared between services. An event of a type nothing is registered for is acknowledged
 * without a database transaction (and without being recorded as processed): handling it would change nothing.
 */
public final class Subscription {

    private final String stream;
    private final String group;
    private final Map<String, Handler<?>> handlers;

    private Subscription(String stream, String group, Map<String, Handler<?>> handlers) {
        this.stream = stream;
        this.group = group;
        this.handlers = handlers;
    }

    /** Starts a subscription to a stream, e.g. {@code payments.events}. */
    public static Builder to(String stream) {
        return new Builder(stream);
    }

    /** A subscription still without its consumer group. */
    public static final class Builder {

        private final String stream;

        private Builder(String stream) {
            this.stream = stream;
        }

        /**
         * The consumer group: the consuming service's name. Instances of a service share it, so each event is handled
         * by one of them.
         */
        public Subscription group(String group) {
            return new Subscription(stream, group, Map.of());
        }
    }

    /** This subscription, also handing events of the record's type to a handler that needs only the record. */
    public <T> Subscription on(Class<T> type, Consumer<? super T> handler) {
        return on(type, (T event, Event envelope) -> handler.accept(event));
    }

    /** This subscription, also handing events of the record's type (its simple name) to the handler. */
    public <T> Subscription on(Class<T> type, EventHandler<? super T> handler) {
        String name = type.getSimpleName();
        if (handlers.containsKey(name)) {
            throw new IllegalArgumentException(group + " on " + stream + " has a handler of " + name + " already");
        }
        Map<String, Handler<?>> more = new LinkedHashMap<>(handlers);
        more.put(name, new Handler<>(type, handler));
        return new Subscription(stream, group, Map.copyOf(more));
    }

    /** The stream it reads, e.g. {@code payments.events}. */
    public String stream() {
        return stream;
    }

    /** The consumer group, normally the consuming service's name. */
    public String group() {
        return group;
    }

    /** Whether a handler acts on events of this type. */
    public boolean handles(String type) {
        return handlers.containsKey(type);
    }

    /**
     * Hands an event to the handler of its type, its payload read into that handler's record; an event of a type
     * without a handler is left alone. The platform's consumer calls it inside its transaction.
     */
    public void handle(Event event, JsonMapper json) {
        Handler<?> handler = handlers.get(event.type());
        if (handler != null) {
            handler.handle(event, json);
        }
    }

    @Override
    public String toString() {
        return "Subscription[" + group + " on " + stream + ": " + handlers.keySet() + "]";
    }

    private record Handler<T>(Class<T> type, EventHandler<? super T> handler) {

        void handle(Event envelope, JsonMapper json) {
            T event = json.readerFor(type)
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(envelope.payload());
            handler.handle(event, envelope);
        }
    }
}
