package com.northwind.shop.platform.events;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.stream.MapRecord;

/**
 * What this instance remembers of the entries that failed: the last error of each (written into the dead letter)
 * and how often each failed deterministically (against {@code maxAttempts}). Bounded: the least recently touched
 * entries are forgotten first. A passing failure is never counted, so it never brings an entry closer to parking.
 */
final class FailedEntries {

    private static final int CAPACITY = 10_000;

    private final Map<String, String> lastErrors = bounded();
    private final Map<String, Integer> deterministicFailures = bounded();

    private static <V> Map<String, V> bounded() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > CAPACITY;
            }
        };
    }

    synchronized void rememberError(MapRecord<String, Object, Object> record, String error) {
        lastErrors.put(record.getId().getValue(), error);
    }

    /** Counts one more deterministic failure of the entry; returns how many it had. */
    synchronized int countDeterministicFailure(MapRecord<String, Object, Object> record) {
        return deterministicFailures.merge(record.getId().getValue(), 1, Integer::sum);
    }

    /** Forgets the entry and returns its last error, if one was remembered. */
    synchronized @Nullable String forget(MapRecord<String, Object, Object> record) {
        deterministicFailures.remove(record.getId().getValue());
        return lastErrors.remove(record.getId().getValue());
    }
}
