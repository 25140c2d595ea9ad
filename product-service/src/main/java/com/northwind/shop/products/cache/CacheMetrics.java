package com.northwind.shop.products.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counters of one cache: {@code northwind.cache.requests{cache, result}}. */
final class CacheMetrics {

    final Counter hit;
    final Counter miss;
    final Counter error;
    final Counter bypass;

    CacheMetrics(MeterRegistry meters, String cache) {
        hit = counter(meters, cache, "hit");
        miss = counter(meters, cache, "miss");
        error = counter(meters, cache, "error");
        bypass = counter(meters, cache, "bypass");
    }

    private static Counter counter(MeterRegistry meters, String cache, String result) {
        return Counter.builder("northwind.cache.requests")
                .description("Catalog cache lookups by result: hit, miss, error (Redis failed), bypass (skipped);"
                        + " cache=product-near counts which product lookups memory answered")
                .tag("cache", cache)
                .tag("result", result)
                .register(meters);
    }
}
