/**
 * Event plumbing: a transactional outbox whose rows a relay publishes to Redis Streams, and consumer groups that
 * handle each event effectively once (processed ids recorded in the consumer's own transaction, acknowledged only
 * after it commits, retried with backoff, parked in a dead-letter stream when they keep failing).
 *
 * <p>A service opts in with {@code northwind.events.enabled=true} and creates the two tables of
 * {@code classpath:northwind/events/V1__outbox_and_processed_events.sql} and {@code V2__outbox_published_index.sql} in
 * its own Flyway migrations.
 */
@NullMarked
package com.northwind.shop.platform.events;

import org.jspecify.annotations.NullMarked;
