package com.northwind.shop.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.annotation.JsonValue;
import com.northwind.shop.platform.test.RealInfrastructure;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest(
        classes = EventsTests.App.class,
        properties = {
            "spring.main.web-application-type=none",
            "spring.application.name=events-tests",
            "northwind.db.schema=events_test",
            "spring.flyway.locations=classpath:northwind/events,classpath:db/events-test",
            "northwind.events.enabled=true",
            "northwind.events.poll-interval=20ms",
            "northwind.events.retry-backoff=100ms",
            "northwind.events.retry-max-backoff=400ms",
            "northwind.events.max-attempts=3",
            "northwind.events.concurrency=4",
            "northwind.events.stream-max-length=5",
            "northwind.events.trim-interval=1h"
        })
@RealInfrastructure
class EventsTests {

    static final String CONSUMED = "consumed.events";
    static final Map<UUID, AtomicInteger> attempts = new ConcurrentHashMap<>();
    static final Set<UUID> fixed = ConcurrentHashMap.newKeySet();
    static final Map<UUID, String> notes = new ConcurrentHashMap<>();
    /** Trips only when four handlers wait at it at once. */
    static final CyclicBarrier gathering = new CyclicBarrier(4);

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxRelay relay;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    StreamKeys properties;

    @Autowired
    DeadLetters deadLetters;

    @Autowired
    OutboxMaintenance maintenance;

    @Autowired
    SagaMetrics sagaMetrics;

    @Autowired
    OutboxRelayScheduler relayScheduler;

    @Autowired
    EventConsumers consumers;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Test
    void handlerFailureCountersExistAtZeroBeforeAnyFailure() {
        // Dashboards and alert rules (docker/prometheus/rules/saga.yml) query the series before anything failed.
        for (String kind : List.of("transient", "deterministic")) {
            assertThat(meters.find("shop.events.handler.failures")
                            .tags("stream", CONSUMED, "group", "events-tests", "kind", kind)
                            .counter())
                    .as(kind)
                    .isNotNull();
        }
    }

    @Test
    void publishesACommittedEventToItsStream() {
        UUID aggregate = UUID.randomUUID();
        UUID id = transaction.execute(s ->
                outbox.append(new TestEvent("published.events", "ThingHappened", Map.of("answer", 42)), aggregate, 3));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> entries("published.events", id).size() == 1);
        Event event =
                Event.fromFields(entries("published.events", id).getFirst().getValue());
        assertThat(event.type()).isEqualTo("ThingHappened");
        assertThat(event.aggregateId()).isEqualTo(aggregate.toString());
        assertThat(event.aggregateVersion()).isEqualTo(3);
        assertThat(event.payload()).isEqualTo("{\"answer\": 42}");
        // The relay adds the entry before its transaction marks the row published: the mark may come a moment later.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.queryForObject(
                        "SELECT published_at IS NOT NULL FROM outbox_events WHERE id = ?", Boolean.class, id));
    }

    @Test
    void publishesARecordAsItsComponentsUnderItsSimpleName() {
        UUID id = transaction.execute(s -> outbox.append(new ThingHappened(42, "blue"), "thing", 2));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> entries("typed.events", id).size() == 1);
        Event event = Event.fromFields(entries("typed.events", id).getFirst().getValue());
        assertThat(event.type()).isEqualTo("ThingHappened");
        assertThat(event.payload()).isEqualTo("{\"answer\": 42, \"colour\": \"blue\"}");
    }

    @Test
    void handsAnEventToTheHandlerOfItsTypeReadIntoItsRecordWithTheEnvelope() {
        Event event = new Event(
                UUID.randomUUID(), "Noted", Instant.now(), "agg", 1, null, "{\"answer\": 42, \"colour\": \"blue\"}");
        add(event);

        await().atMost(Duration.ofSeconds(10)).until(() -> handled(event.id()) == 1);
        assertThat(notes.get(event.id())).isEqualTo("blue");
    }

    @Test
    void acknowledgesAnEventOfAnotherTypeWithoutATransactionOrARecord() {
        Event other = event("NobodyHandlesThis");
        Event next = event("Ok");
        add(other);
        add(next);

        await().atMost(Duration.ofSeconds(10)).until(() -> handled(next.id()) == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> pendingCount() == 0);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM processed_events WHERE event_id = ?", Integer.class, other.id()))
                .isZero();
        assertThat(attempts).doesNotContainKey(other.id());
    }

    @Test
    void anEventIsStampedWithTheDatabasesClockNotTheJvms() {
        // The outbox age (SagaMetrics) is the database's now() minus occurred_at: both must be the database's time.
        // The transaction's now() is fixed at its first statement, so a JVM time taken later cannot equal it.
        var stamped = transaction.execute(status -> {
            Instant transactionStart = jdbc.queryForObject("SELECT now()", java.sql.Timestamp.class)
                    .toInstant();
            UUID id = outbox.append(new TestEvent("clock.events", "Stamped", Map.of()), "agg", 1);
            Instant occurredAt = jdbc.queryForObject(
                            "SELECT occurred_at FROM outbox_events WHERE id = ?", java.sql.Timestamp.class, id)
                    .toInstant();
            return List.of(transactionStart, occurredAt);
        });

        assertThat(stamped.get(1)).isEqualTo(stamped.get(0));
    }

    @Test
    void writesNothingWhenItsTransactionRollsBack() {
        List<UUID> ids = new ArrayList<>();
        transaction.executeWithoutResult(status -> {
            ids.add(outbox.append(new TestEvent("rolledback.events", "Never", Map.of()), "x", 1));
            status.setRollbackOnly();
        });
        relay.publishBatch();

        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM outbox_events WHERE id = ?", Integer.class, ids.getFirst()))
                .isZero();
        assertThat(redis.opsForStream().size(properties.streamKey("rolledback.events")))
                .isZero();
    }

    @Test
    void concurrentRelaysPublishEveryEventExactlyOnce() throws Exception {
        transaction.executeWithoutResult(status -> {
            for (int i = 0; i < 300; i++) {
                outbox.append(new TestEvent("bulk.events", "Counted", Map.of("i", i)), i, 1);
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> relays = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                relays.add(pool.submit(() -> {
                    while (relay.publishBatch() > 0) {
                        // drain
                    }
                }));
            }
            for (Future<?> f : relays) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        await().atMost(Duration.ofSeconds(10))
                .until(() -> redis.opsForStream().size(properties.streamKey("bulk.events")) >= 300);
        assertThat(redis.opsForStream().size(properties.streamKey("bulk.events")))
                .isEqualTo(300);
    }

    @Test
    void handlesAnEventFromTheOutboxOnce() {
        UUID id = transaction.execute(s -> outbox.append(new TestEvent(CONSUMED, "Ok", Map.of()), "agg", 1));

        await().atMost(Duration.ofSeconds(10)).until(() -> handled(id) == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> pendingCount() == 0);
    }

    @Test
    void handlesAnEventDeliveredTwiceOnce() {
        Event event = event("Ok");
        add(event);
        add(event);

        await().atMost(Duration.ofSeconds(10)).until(() -> handled(event.id()) == 1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> handled(event.id()) == 1);
        assertThat(pendingCount()).isZero();
    }

    @Test
    void skipsAnEventHandledBeforeACrashAndAcknowledgesIt() {
        Event event = event("Ok");
        // The handler committed, then the instance died before acknowledging: the id is already recorded.
        jdbc.update("INSERT INTO processed_events (consumer, event_id) VALUES (?, ?)", "events-tests", event.id());
        add(event);

        await().atMost(Duration.ofSeconds(10)).until(() -> pendingCount() == 0 && lastDeliveredIsPast(event));
        assertThat(handled(event.id())).isZero();
    }

    @Test
    void retriesAFailingHandlerUntilItSucceeds() {
        Event event = event("FlakyTwice");
        add(event);

        await().atMost(Duration.ofSeconds(15)).until(() -> handled(event.id()) == 1);
        assertThat(attempts.get(event.id())).hasValue(3);
    }

    @Test
    void parksAPoisonEventInTheDeadLetterStreamWithTheError() {
        Event event = event("Poison");
        add(event);

        await().atMost(Duration.ofSeconds(15))
                .until(() -> !deadLetters(event.id()).isEmpty());
        Map<Object, Object> parked = deadLetters(event.id()).getFirst().getValue();
        assertThat(parked.get("error")).asString().contains("poisoned on purpose");
        assertThat(parked.get("attempts")).isEqualTo("3");
        assertThat(attempts.get(event.id())).hasValue(3);
        await().atMost(Duration.ofSeconds(5)).until(() -> pendingCount() == 0);
        assertThat(handled(event.id())).isZero();
    }

    @Test
    void retriesAPassingDatabaseFailureBeyondTheAttemptLimitAndNeverParksIt() {
        Event event = event("DatabaseAwayFiveTimes");
        add(event);

        await().atMost(Duration.ofSeconds(20)).until(() -> handled(event.id()) == 1);
        assertThat(attempts.get(event.id())).hasValue(6);
        assertThat(deadLetters(event.id())).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> pendingCount() == 0);
    }

    @Test
    void handlesTheEntriesOfABatchConcurrentlyEachInItsOwnTransaction() {
        // Four entries in one read; each handler waits until all four are inside their transactions at once, which
        // entries handled one after another never are (each would give up after 10 s, then be parked).
        List<Event> events = List.of(event("Gathering"), event("Gathering"), event("Gathering"), event("Gathering"));
        redis.execute(new SessionCallback<List<Object>>() {
            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            public List<Object> execute(RedisOperations operations) {
                operations.multi();
                events.forEach(event -> operations
                        .opsForStream()
                        .add(MapRecord.create(properties.streamKey(CONSUMED), event.toFields())));
                return operations.exec();
            }
        });

        await().atMost(Duration.ofSeconds(15)).until(() -> events.stream().allMatch(event -> handled(event.id()) == 1));
        events.forEach(event -> assertThat(attempts.get(event.id())).hasValue(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> pendingCount() == 0);
    }

    @Test
    void keepsConsumingAfterAHandlerThrowsAnError() {
        Event failing = event("ErrorOnce");
        Event next = event("Ok");
        add(failing);
        add(next);

        await().atMost(Duration.ofSeconds(15)).until(() -> handled(failing.id()) == 1 && handled(next.id()) == 1);
        assertThat(attempts.get(failing.id())).hasValue(2);
    }

    @Test
    void replaysADeadLetterThroughItsHandlerOnceTheCauseIsFixed() {
        Event event = event("PoisonUntilFixed");
        add(event);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> !deadLetters(event.id()).isEmpty());
        DeadLetters.DeadLetter parked = deadLetters.list().stream()
                .filter(l -> event.id().toString().equals(l.eventId()))
                .findFirst()
                .orElseThrow();
        assertThat(parked.group()).isEqualTo("events-tests");
        assertThat(parked.type()).isEqualTo("PoisonUntilFixed");
        assertThat(parked.error()).contains("not fixed yet");
        assertThat(deadLetters.find(CONSUMED, parked.id())).contains(parked);

        assertThatThrownBy(() -> deadLetters.replay(CONSUMED, parked.id()))
                .isInstanceOf(DeadLetters.ReplayFailedException.class)
                .hasMessageContaining("not fixed yet");
        assertThat(deadLetters(event.id())).hasSize(1);

        fixed.add(event.id());
        assertThat(deadLetters.replay(CONSUMED, parked.id())).isEqualTo(DeadLetters.Replayed.HANDLED);
        assertThat(handled(event.id())).isEqualTo(1);
        assertThat(deadLetters(event.id())).isEmpty();
        assertThat(deadLetters.find(CONSUMED, parked.id())).isEmpty();
    }

    @Test
    void replayOfAnEventHandledInTheMeantimeIsANoOp() {
        Event event = event("Poison");
        add(event);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> !deadLetters(event.id()).isEmpty());
        String id = deadLetters(event.id()).getFirst().getId().getValue();
        jdbc.update("INSERT INTO processed_events (consumer, event_id) VALUES (?, ?)", "events-tests", event.id());

        assertThat(deadLetters.replay(CONSUMED, id)).isEqualTo(DeadLetters.Replayed.DUPLICATE);
        assertThat(deadLetters(event.id())).isEmpty();
    }

    @Test
    void classifiesPassingFailuresApartFromDeterministicOnes() {
        assertThat(EventFailures.classify(new CannotCreateTransactionException("no connection")))
                .isEqualTo(EventFailures.Kind.TRANSIENT);
        assertThat(EventFailures.classify(new DataAccessResourceFailureException("gone")))
                .isEqualTo(EventFailures.Kind.TRANSIENT);
        assertThat(EventFailures.classify(new CannotAcquireLockException("deadlock")))
                .isEqualTo(EventFailures.Kind.TRANSIENT);
        assertThat(EventFailures.classify(new JpaLikeException(new SQLException("terminating connection", "57P01"))))
                .isEqualTo(EventFailures.Kind.TRANSIENT);
        assertThat(EventFailures.classify(new JpaLikeException(new SQLException("deadlock detected", "40P01"))))
                .isEqualTo(EventFailures.Kind.TRANSIENT);
        assertThat(EventFailures.classify(new IllegalStateException("rejected")))
                .isEqualTo(EventFailures.Kind.DETERMINISTIC);
        assertThat(EventFailures.classify(new JpaLikeException(new SQLException("duplicate key", "23505"))))
                .isEqualTo(EventFailures.Kind.DETERMINISTIC);
        assertThat(EventFailures.classify(new StackOverflowError())).isEqualTo(EventFailures.Kind.DETERMINISTIC);
        // The rollback after the database went away: HikariCP's stand-in for the connection it closed.
        assertThat(EventFailures.classify(new JpaLikeException(closedPooledConnection())))
                .isEqualTo(EventFailures.Kind.TRANSIENT);
    }

    /** What HikariCP's stand-in for an evicted connection throws: no SQLSTATE, only its own frame tells. */
    static SQLException closedPooledConnection() {
        SQLException closed = new SQLException("Connection is closed");
        closed.setStackTrace(new StackTraceElement[] {
            new StackTraceElement(
                    "com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection",
                    "lambda$getClosedConnection$0",
                    "ProxyConnection.java",
                    559)
        });
        return closed;
    }

    /** Stands for an uncategorised wrapper such as Hibernate's JpaSystemException around the driver's exception. */
    static class JpaLikeException extends RuntimeException {
        JpaLikeException(Throwable cause) {
            super("wrapped", cause);
        }
    }

    @Test
    void trimsAStreamOnlyBelowWhatEveryGroupAcknowledged() {
        String key = properties.streamKey("trimmed.events");
        redis.opsForStream()
                .createGroup(key, org.springframework.data.redis.connection.stream.ReadOffset.from("0"), "fast");
        redis.opsForStream()
                .createGroup(key, org.springframework.data.redis.connection.stream.ReadOffset.from("0"), "slow");
        transaction.executeWithoutResult(status -> {
            for (int i = 0; i < 250; i++) {
                outbox.append(new TestEvent("trimmed.events", "Counted", Map.of("i", i)), i, 1);
            }
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> redis.opsForStream().size(key) >= 250);
        readAndAcknowledge(key, "fast", 250, 250);

        maintenance.trimStreams();
        assertThat(redis.opsForStream().size(key)).isEqualTo(250);

        // "slow" has read 120 and acknowledged 100: the 20 it holds and the 130 it has not read stay.
        readAndAcknowledge(key, "slow", 120, 100);
        maintenance.trimStreams();
        assertThat(redis.opsForStream().size(key)).isEqualTo(150);

        readAndAcknowledge(key, "slow", 130, 130);
        assertThat(redis.opsForStream().pending(key, "slow").getTotalPendingMessages())
                .isEqualTo(20);
    }

    @Test
    void keepsPublishedRowsForTheReplayWindowOnly() {
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        UUID oldUnpublished = UUID.randomUUID();
        String insert = """
                INSERT INTO outbox_events (id, stream, type, aggregate_id, aggregate_version, payload, occurred_at,
                                           published_at)
                VALUES (?, 'kept.events', 'Old', 'a', 1, '{}', now() - interval '9 days', now() - ?::interval)
                """;
        jdbc.update(insert, old, "8 days");
        jdbc.update(insert, recent, "6 days");
        jdbc.update(insert.replace("now() - ?::interval", "NULL"), oldUnpublished);
        // The relay may publish the unpublished one meanwhile: it then stays, as the recent one does.

        maintenance.deleteExpired();

        assertThat(jdbc.queryForList(
                        "SELECT id FROM outbox_events WHERE id IN (?, ?, ?)", UUID.class, old, recent, oldUnpublished))
                .containsExactlyInAnyOrder(recent, oldUnpublished);
    }

    @Test
    void publishesRecentEventsAgainWhenRedisComesBackAsANewProcess() {
        maintenance.observedRedisRunId("before-restart");
        UUID id = transaction.execute(
                s -> outbox.append(new TestEvent("republished.events", "Lost", Map.of()), "agg", 1));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.queryForObject(
                        "SELECT published_at IS NOT NULL FROM outbox_events WHERE id = ?", Boolean.class, id));
        // The restarted Redis lost the entry (its last second under appendfsync everysec).
        redis.delete(properties.streamKey("republished.events"));

        maintenance.observedRedisRunId("before-restart");
        assertThat(redis.hasKey(properties.streamKey("republished.events"))).isFalse();
        maintenance.observedRedisRunId("after-restart");

        try {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> entries("republished.events", id).size() == 1);
        } finally {
            // Back to the real process's id now: the next periodic look would take it for another restart and publish
            // the last minutes' rows again in the middle of another test
            // (trimsAStreamOnlyBelowWhatEveryGroupAcknowledged
            // counts its stream's entries).
            maintenance.checkRedis();
        }
    }

    private void readAndAcknowledge(String key, String group, int read, int acknowledge) {
        List<MapRecord<String, Object, Object>> records = redis.opsForStream()
                .read(
                        org.springframework.data.redis.connection.stream.Consumer.from(group, "tester"),
                        org.springframework.data.redis.connection.stream.StreamReadOptions.empty()
                                .count(read),
                        org.springframework.data.redis.connection.stream.StreamOffset.create(
                                key, org.springframework.data.redis.connection.stream.ReadOffset.lastConsumed()));
        assertThat(records).hasSize(read);
        for (int i = 0; i < acknowledge; i++) {
            redis.opsForStream().acknowledge(key, group, records.get(i).getId());
        }
    }

    @Test
    void reportsDeadLettersFailuresAndBacklogAsMetrics() {
        Event event = event("Poison");
        add(event);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> !deadLetters(event.id()).isEmpty());

        sagaMetrics.refresh();

        assertThat(meters.get("shop.events.dead.letters")
                        .tags("stream", CONSUMED, "group", "events-tests")
                        .gauge()
                        .value())
                .isGreaterThanOrEqualTo(1);
        assertThat(meters.get("shop.events.handler.failures")
                        .tags("stream", CONSUMED, "group", "events-tests", "kind", "deterministic")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(3);
        assertThat(meters.get("shop.events.consumer.lag")
                        .tags("stream", CONSUMED, "group", "events-tests")
                        .gauge()
                        .value())
                .isZero();
        // Lag, pending age and the outbox's backlog and age while something waits: the two tests below.
    }

    @Test
    void reportsTheLagPendingAgeAndPassingFailuresOfAGroupWaitingForItsDatabase() {
        double passingBefore = failures("transient");
        Event waiting = event("DatabaseAwayUntilFixed");
        List<Event> behind = List.of(event("Ok"), event("Ok"));
        add(waiting);
        try {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> attempts.containsKey(waiting.id())
                            && attempts.get(waiting.id()).get() >= 2);
            // The group's consumer stops (an instance going down): what arrives now is not read by anyone.
            consumers.stop();
            behind.forEach(this::add);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                sagaMetrics.refresh();
                assertThat(groupGauge("shop.events.consumer.lag").gauge().value())
                        .isGreaterThanOrEqualTo(2);
                assertThat(groupGauge("shop.events.pending.oldest.age")
                                .timeGauge()
                                .value(java.util.concurrent.TimeUnit.MILLISECONDS))
                        .isGreaterThanOrEqualTo(500);
            });
            assertThat(failures("transient")).isGreaterThan(passingBefore);
        } finally {
            fixed.add(waiting.id());
            if (!consumers.isRunning()) {
                consumers.start();
            }
        }

        await().atMost(Duration.ofSeconds(15))
                .until(() -> handled(waiting.id()) == 1
                        && behind.stream().allMatch(e -> handled(e.id()) == 1)
                        && pendingCount() == 0);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            sagaMetrics.refresh();
            assertThat(groupGauge("shop.events.consumer.lag").gauge().value()).isZero();
            assertThat(groupGauge("shop.events.pending.oldest.age")
                            .timeGauge()
                            .value(java.util.concurrent.TimeUnit.MILLISECONDS))
                    .isZero();
        });
    }

    @Test
    void reportsTheOutboxBacklogAndTheAgeOfItsOldestUnpublishedEvent() throws InterruptedException {
        relayScheduler.stop(); // nothing publishes meanwhile: the rows below stay in the outbox
        try {
            transaction.executeWithoutResult(status -> {
                for (int i = 0; i < 3; i++) {
                    outbox.append(new TestEvent("waiting.events", "Waiting", Map.of()), i, 1);
                }
            });
            Thread.sleep(Duration.ofMillis(1200)); // the events' age, not a wait for something

            sagaMetrics.refresh();

            assertThat(meters.get("shop.outbox.backlog").gauge().value()).isGreaterThanOrEqualTo(3);
            assertThat(meters.get("shop.outbox.oldest.age")
                            .timeGauge()
                            .value(java.util.concurrent.TimeUnit.MILLISECONDS))
                    .isGreaterThanOrEqualTo(1000);
        } finally {
            relayScheduler.start();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            sagaMetrics.refresh();
            assertThat(meters.get("shop.outbox.backlog").gauge().value()).isZero();
            assertThat(meters.get("shop.outbox.oldest.age")
                            .timeGauge()
                            .value(java.util.concurrent.TimeUnit.MILLISECONDS))
                    .isZero();
        });
    }

    private io.micrometer.core.instrument.search.RequiredSearch groupGauge(String name) {
        return meters.get(name).tags("stream", CONSUMED, "group", "events-tests");
    }

    private double failures(String kind) {
        return meters.get("shop.events.handler.failures")
                .tags("stream", CONSUMED, "group", "events-tests", "kind", kind)
                .counter()
                .count();
    }

    @Test
    void parksAMalformedEntry() {
        String marker = UUID.randomUUID().toString();
        redis.opsForStream().add(MapRecord.create(properties.streamKey(CONSUMED), Map.of("garbage", marker)));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> redis
                        .opsForStream()
                        .range(properties.deadLetterKey(CONSUMED), org.springframework.data.domain.Range.unbounded())
                        .stream()
                        .anyMatch(r -> marker.equals(r.getValue().get("garbage"))));
    }

    private Event event(String type) {
        return new Event(UUID.randomUUID(), type, Instant.now(), "agg", 1, null, "{}");
    }

    private void add(Event event) {
        redis.opsForStream().add(MapRecord.create(properties.streamKey(CONSUMED), event.toFields()));
    }

    private int handled(UUID id) {
        Integer count =
                jdbc.queryForObject("SELECT count(*) FROM handled_events WHERE event_id = ?", Integer.class, id);
        return count != null ? count : 0;
    }

    private long pendingCount() {
        return redis.opsForStream()
                .pending(properties.streamKey(CONSUMED), "events-tests")
                .getTotalPendingMessages();
    }

    private boolean lastDeliveredIsPast(Event event) {
        return redis
                .opsForStream()
                .range(properties.streamKey(CONSUMED), org.springframework.data.domain.Range.unbounded())
                .stream()
                .anyMatch(r -> event.id().toString().equals(r.getValue().get("id")));
    }

    private List<MapRecord<String, Object, Object>> entries(String stream, UUID id) {
        return redis
                .opsForStream()
                .range(properties.streamKey(stream), org.springframework.data.domain.Range.unbounded())
                .stream()
                .filter(r -> id.toString().equals(r.getValue().get("id")))
                .toList();
    }

    private List<MapRecord<String, Object, Object>> deadLetters(UUID id) {
        return redis
                .opsForStream()
                .range(properties.deadLetterKey(CONSUMED), org.springframework.data.domain.Range.unbounded())
                .stream()
                .filter(r -> id.toString().equals(r.getValue().get("id")))
                .toList();
    }

    /** An event of these tests: to any stream, of any type, its payload the map. */
    record TestEvent(String stream, String type, @JsonValue Map<String, ?> payload) implements PublishedEvent {}

    /** Published as a plain record: its components are the payload, its simple name the type. */
    record ThingHappened(int answer, String colour) implements PublishedEvent {

        @Override
        public String stream() {
            return "typed.events";
        }
    }

    /** A consumer's record of ThingHappened: only the field it reads. */
    record Noted(String colour) {}

    // The handler's script, by event type (the record's simple name).
    record Ok() {}

    record Poison() {}

    record FlakyTwice() {}

    record DatabaseAwayFiveTimes() {}

    record DatabaseAwayUntilFixed() {}

    record ErrorOnce() {}

    record Gathering() {}

    record PoisonUntilFixed() {}

    @SpringBootApplication
    static class App {

        @Bean
        Subscription testSubscription(JdbcTemplate jdbc) {
            EventHandler<Object> scripted = (record, event) -> script(jdbc, event);
            return Subscription.to(CONSUMED)
                    .group("events-tests")
                    .on(Ok.class, scripted)
                    .on(Poison.class, scripted)
                    .on(FlakyTwice.class, scripted)
                    .on(DatabaseAwayFiveTimes.class, scripted)
                    .on(DatabaseAwayUntilFixed.class, scripted)
                    .on(ErrorOnce.class, scripted)
                    .on(Gathering.class, scripted)
                    .on(PoisonUntilFixed.class, scripted)
                    .on(Noted.class, (noted, event) -> {
                        notes.put(event.id(), noted.colour());
                        jdbc.update(
                                "INSERT INTO handled_events (event_id, type) VALUES (?, ?)", event.id(), event.type());
                    });
        }

        private static void script(JdbcTemplate jdbc, Event event) {
            int attempt = attempts.computeIfAbsent(event.id(), id -> new AtomicInteger())
                    .incrementAndGet();
            if (event.type().equals("Poison")) {
                throw new IllegalStateException("poisoned on purpose");
            }
            if (event.type().equals("FlakyTwice") && attempt <= 2) {
                throw new IllegalStateException("flaky attempt " + attempt);
            }
            if (event.type().equals("DatabaseAwayFiveTimes") && attempt <= 5) {
                throw new CannotCreateTransactionException("database away, attempt " + attempt);
            }
            if (event.type().equals("DatabaseAwayUntilFixed") && !fixed.contains(event.id())) {
                throw new CannotCreateTransactionException("database away until fixed, attempt " + attempt);
            }
            if (event.type().equals("ErrorOnce") && attempt == 1) {
                throw new StackOverflowError("error on purpose");
            }
            if (event.type().equals("Gathering")) {
                try {
                    gathering.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException | BrokenBarrierException | TimeoutException ex) {
                    throw new IllegalStateException("the batch was not handled concurrently", ex);
                }
            }
            if (event.type().equals("PoisonUntilFixed") && !fixed.contains(event.id())) {
                throw new IllegalStateException("not fixed yet");
            }
            jdbc.update("INSERT INTO handled_events (event_id, type) VALUES (?, ?)", event.id(), event.type());
        }
    }
}
