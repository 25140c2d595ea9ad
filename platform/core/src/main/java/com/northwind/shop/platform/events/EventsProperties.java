package com.northwind.shop.platform.events;

import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the event plumbing, under {@code northwind.events}.
 *
 * @param enabled whether this service publishes and consumes events (it then needs the outbox tables)
 * @param relayInterval how often the relay looks for unpublished outbox rows: the safety net (a failed pass, a row
 *     committed by a process that died before publishing it); every commit that wrote to the outbox wakes the relay
 * @param relayBatchSize how many outbox rows one relay pass publishes at most
 * @param streamMaxLength approximate number of entries a stream keeps once every consumer group has acknowledged
 *     them; entries a group has not acknowledged are never trimmed, whatever the length
 * @param trimInterval how often a stream is trimmed below the oldest position every group has acknowledged
 * @param pollInterval how long a consumer waits before reading again when its stream had nothing new
 * @param batchSize how many entries a consumer reads at once
 * @param concurrency how many entries of a batch one instance handles at once, each in its own transaction (one
 *     database connection each). Handled one after another, each entry's round trips to the database and Redis wait
 *     behind every request for the CPU, and a consumer fell behind 50 checkouts/s on two cores (#17). The handlers
 *     accept events in any order (row locks, versions: docs/events.md), as they must with several instances anyway
 * @param retryBackoff how long a failed entry waits before its first retry; doubled on every further failure
 * @param retryMaxBackoff the longest wait between two retries; a passing failure (database or Redis away, timeout,
 *     deadlock) is retried at this pace for as long as it lasts, never parked
 * @param maxAttempts deterministic failures (unreadable payload, the handler's own rejection) after which an entry
 *     is parked in the dead-letter stream
 * @param outboxRetention how long published outbox rows are kept, so events can be published again (replay window)
 * @param metricsInterval how often the saga gauges (outbox backlog, consumer lag, dead letters) are read
 * @param republishWindow how far back published outbox rows are published again when Redis comes back without them
 *     (a restart that lost its last second of writes under {@code appendfsync everysec}, or lost its data)
 * @param deadLetterClients the service clients whose service tokens may use {@code /internal/events/dead-letters}
 *     (operators' tooling; user-service's {@code ops} client unless configured otherwise)
 */
@ConfigurationProperties("northwind.events")
public record EventsProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("1s") Duration relayInterval,
        @DefaultValue("100") int relayBatchSize,
        @DefaultValue("100000") long streamMaxLength,
        @DefaultValue("30s") Duration trimInterval,
        @DefaultValue("100ms") Duration pollInterval,
        @DefaultValue("20") int batchSize,
        @DefaultValue("4") int concurrency,
        @DefaultValue("1s") Duration retryBackoff,
        @DefaultValue("30s") Duration retryMaxBackoff,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("7d") Duration outboxRetention,
        @DefaultValue("10s") Duration metricsInterval,
        @DefaultValue("10m") Duration republishWindow,
        @DefaultValue("ops") Set<String> deadLetterClients) {}
