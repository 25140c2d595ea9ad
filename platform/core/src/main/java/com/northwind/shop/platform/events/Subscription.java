package com.northwind.shop.platform.events;

import java.util.Set;

/**
 * A consumer group's interest in one stream; declare one as a bean and the platform runs it.
 *
 * @param stream the stream to read, e.g. {@code payments.events}
 * @param group the consumer group, normally the consuming service's name; instances of a service share it, so each
 *     event is handled by one of them
 * @param handler what to do with each event (filter by {@link Event#type()} inside)
 * @param types the event types the handler acts on; empty: every type. An entry of another type is acknowledged
 *     without a database transaction (and without being recorded as processed): handling it would change nothing
 */
public record Subscription(String stream, String group, EventHandler handler, Set<String> types) {

    public Subscription {
        types = Set.copyOf(types);
    }

    /** A subscription whose handler sees every event of the stream. */
    public Subscription(String stream, String group, EventHandler handler) {
        this(stream, group, handler, Set.of());
    }

    /** This subscription, handing only events of these types to the handler (a handler that acts on any new type must be listed here too). */
    public Subscription onlyTypes(String... handled) {
        return new Subscription(stream, group, handler, Set.of(handled));
    }

    /** Whether the handler acts on events of this type. */
    public boolean handles(String type) {
        return types.isEmpty() || types.contains(type);
    }
}
