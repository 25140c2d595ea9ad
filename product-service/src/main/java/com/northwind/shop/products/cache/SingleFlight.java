package com.northwind.shop.products.cache;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Concurrent misses of one key in this JVM share a single load: the first runs it, the others wait for its result. */
final class SingleFlight {

    private final Map<String, CompletableFuture<@Nullable Representation>> inFlight = new ConcurrentHashMap<>();

    /** Runs {@code load}, or waits for the load of {@code key} already running and answers (or throws) as it does. */
    @Nullable
    Representation load(String key, Supplier<@Nullable Representation> load) {
        CompletableFuture<@Nullable Representation> mine = new CompletableFuture<>();
        CompletableFuture<@Nullable Representation> leader = inFlight.putIfAbsent(key, mine);
        if (leader != null) {
            try {
                return leader.join();
            } catch (CompletionException ex) {
                if (ex.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw ex;
            }
        }
        try {
            Representation loaded = load.get();
            mine.complete(loaded);
            return loaded;
        } catch (RuntimeException ex) {
            mine.completeExceptionally(ex);
            throw ex;
        } finally {
            inFlight.remove(key, mine);
        }
    }
}
