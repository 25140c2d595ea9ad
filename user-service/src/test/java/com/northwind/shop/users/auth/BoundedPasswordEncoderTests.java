package com.northwind.shop.users.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

class BoundedPasswordEncoderTests {

    /** A stand-in for a slow hash that records how many run at once. */
    static final class SlowEncoder implements PasswordEncoder {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();
        final long millis;

        SlowEncoder(long millis) {
            this.millis = millis;
        }

        @Override
        public String encode(CharSequence raw) {
            int now = running.incrementAndGet();
            most.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(millis);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
            return "hash:" + raw;
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            return encode(raw).equals(encoded);
        }
    }

    @Test
    void neverRunsMoreHashesAtOnceThanItsBound() throws Exception {
        SlowEncoder slow = new SlowEncoder(50);
        BoundedPasswordEncoder bounded = new BoundedPasswordEncoder(slow, 2, Duration.ofSeconds(10));
        try (var pool = Executors.newFixedThreadPool(8)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return bounded.matches("pw", "hash:pw");
                }));
            }
            start.countDown();
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        }
        assertThat(slow.most.get()).isEqualTo(2);
    }

    @Test
    void refusesWhenNoSlotFreesUpInTime() throws Exception {
        SlowEncoder slow = new SlowEncoder(1_000);
        BoundedPasswordEncoder bounded = new BoundedPasswordEncoder(slow, 1, Duration.ofMillis(50));
        try (var pool = Executors.newSingleThreadExecutor()) {
            pool.submit(() -> bounded.encode("first"));
            Thread.sleep(100);
            assertThatThrownBy(() -> bounded.encode("second"))
                    .isInstanceOf(BoundedPasswordEncoder.PasswordHashingBusyException.class);
        }
    }
}
