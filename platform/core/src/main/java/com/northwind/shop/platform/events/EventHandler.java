package com.northwind.shop.platform.events;

/**
 * What a service does with one event of a type, read into the consumer's own record; the envelope carries its id,
 * time, aggregate and version. It runs inside the consumer's database transaction, together with the record that
 * the event was processed: either both commit or neither does. Throwing rolls both back and the event is retried
 * later.
 *
 * @param <T> the consumer's record of the event
 */
@FunctionalInterface
public interface EventHandler<T> {

    void handle(T event, Event envelope);
}
