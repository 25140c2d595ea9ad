package com.northwind.shop.products.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SingleFlightTests {

    final SingleFlight flights = new SingleFlight();
    final Representation value = Representation.of("{}".getBytes(StandardCharsets.UTF_8));

    @Test
    void concurrentMissesOfOneKeyShareOneLoad() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Representation> answers = new CopyOnWriteArrayList<>();
        Thread leader = Thread.ofPlatform()
                .start(() -> answers.add(flights.load("k", () -> {
                    loads.incrementAndGet();
                    loading.countDown();
                    await(release);
                    return value;
                })));
        assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
        List<Thread> followers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            followers.add(Thread.ofPlatform()
                    .start(() -> answers.add(flights.load("k", () -> {
                        loads.incrementAndGet();
                        return value;
                    }))));
        }
        // Every follower waits for the leader's load before it may finish.
        for (Thread follower : followers) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (follower.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(follower.getState()).isEqualTo(Thread.State.WAITING);
        }
        release.countDown();
        leader.join(10_000);
        for (Thread follower : followers) {
            follower.join(10_000);
        }

        assertThat(loads).hasValue(1);
        assertThat(answers).hasSize(4).allSatisfy(answer -> assertThat(answer).isSameAs(value));
    }

    @Test
    void aLaterMissLoadsAgain() {
        AtomicInteger loads = new AtomicInteger();

        flights.load("k", () -> value);
        flights.load("k", () -> {
            loads.incrementAndGet();
            return value;
        });

        assertThat(loads).hasValue(1);
    }

    @Test
    void aFailedLoadFailsOnlyThoseWhoWaitedForIt() {
        assertThatThrownBy(() -> flights.load("k", () -> {
                    throw new IllegalStateException("database away");
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("database away");

        assertThat(flights.load("k", () -> value)).isSameAs(value);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
