package com.northwind.shop.platform.client;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * How this service retries its calls to one callee, under {@code northwind.service-clients.<group>} (the group is
 * the callee's service id, as in {@code @ImportHttpServices(group = "product-service")}). Timeouts are Boot's own
 * {@code spring.http.serviceclient.<group>.connect-timeout} and {@code read-timeout}.
 *
 * @param maxAttempts attempts per idempotent call, the first included
 * @param retryMethods the HTTP methods that are idempotent at this callee and so may be retried; by default those
 *     idempotent by HTTP's definition. Add {@code POST} only for a callee whose POSTs are keyed (e.g. by order id).
 */
public record ServiceClientSettings(int maxAttempts, Set<String> retryMethods) {

    static final String PREFIX = "northwind.service-clients";

    private static final ServiceClientSettings DEFAULTS = new ServiceClientSettings(2, Set.of());

    public ServiceClientSettings {
        maxAttempts = maxAttempts < 1 ? 2 : maxAttempts;
        retryMethods = retryMethods == null || retryMethods.isEmpty()
                ? Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE")
                : retryMethods.stream()
                        .map(method -> method.strip().toUpperCase(Locale.ROOT))
                        .collect(Collectors.toUnmodifiableSet());
    }

    /** The settings of every configured group. */
    static Map<String, ServiceClientSettings> of(Environment environment) {
        return Binder.get(environment)
                .bind(PREFIX, Bindable.mapOf(String.class, ServiceClientSettings.class))
                .orElse(Map.of());
    }

    /** One group's settings, the defaults if it configures none. */
    static ServiceClientSettings of(Map<String, ServiceClientSettings> all, String group) {
        return all.getOrDefault(group, DEFAULTS);
    }
}
