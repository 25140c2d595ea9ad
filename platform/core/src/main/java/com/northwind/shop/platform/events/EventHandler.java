package com.northwind.shop.platform.events;

/**
 * What a service does with one event. It runs inside the consumer's database transaction, together with the
 * record that the event was processed: either both commit or neither does. Throwing rolls both back and the event
 * is retried later.
 */
@FunctionalInterface
public interface EventHandler {

    void handle(Event event);
}
