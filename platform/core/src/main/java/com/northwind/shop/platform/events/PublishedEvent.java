package com.northwind.shop.platform.events;

/**
 * An event a service publishes through its {@link Outbox}: a record in the producer's feature whose components are
 * the payload (serialised to JSON as they are) and which names the stream it goes to. Its type on the wire is the
 * record's simple name, the name a consumer's own record is registered under ({@link Subscription#on}); renaming the
 * record changes the contract.
 *
 * <p>A producer declares its stream once, in an interface its events implement:
 *
 * <pre>{@code
 * sealed interface OrderEvent extends PublishedEvent permits OrderPaid, OrderCancelled {
 *     String STREAM = "orders.events";
 *
 *     default String stream() { return STREAM; }
 * }
 * }</pre>
 */
public interface PublishedEvent {

    /** The stream it goes to, e.g. {@code orders.events}. */
    String stream();

    /** What happened, e.g. {@code OrderPaid}: the record's simple name. */
    default String type() {
        return getClass().getSimpleName();
    }
}
