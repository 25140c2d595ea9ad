package com.northwind.shop.platform.events;

/**
 * A consumer group's interest in one stream; declare one as a bean and the platform runs it.
 *
 * @param stream the stream to read, e.g. {@code payments.events}
 * @param group the consumer group, normally the consuming service's name; instances of a service share it, so each
 *     event is handled by one of them
 * @param handler what to do with each event (filter by {@link Event#type()} inside)
 */
public record Subscription(String stream, String group, EventHandler handler) {}
