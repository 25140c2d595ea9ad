package com.northwind.shop.products.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NearCacheTests {

    final NearCache near = new NearCache(Duration.ofMinutes(1), 100);
    final UUID id = UUID.randomUUID();
    final Representation value = Representation.of("{\"name\":\"kettle\"}".getBytes(StandardCharsets.UTF_8));

    @Test
    void keepsWhatWasReadWhileNothingWasInvalidated() {
        long epoch = near.epoch();

        near.put(id, value, epoch);

        assertThat(near.get(id)).isSameAs(value);
    }

    @Test
    void dropsAValueReadBeforeAnInvalidationThatRanMeanwhile() {
        long epoch = near.epoch(); // the reader starts, then asks Redis
        near.invalidate(List.of(UUID.randomUUID())); // a write to any product is evicted meanwhile

        near.put(id, value, epoch); // the reader's answer may predate that write

        assertThat(near.get(id)).isNull();
    }

    @Test
    void forgetsInvalidatedAndClearedProducts() {
        UUID other = UUID.randomUUID();
        near.put(id, value, near.epoch());
        near.put(other, value, near.epoch());

        near.invalidate(List.of(id));
        assertThat(near.get(id)).isNull();
        assertThat(near.get(other)).isSameAs(value);

        near.clear();
        assertThat(near.get(other)).isNull();
    }

    @Test
    void keepsNothingWhenTurnedOff() {
        NearCache off = new NearCache(Duration.ZERO, 100);

        off.put(id, value, off.epoch());

        assertThat(off.enabled()).isFalse();
        assertThat(off.get(id)).isNull();
    }
}
