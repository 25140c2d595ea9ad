package com.northwind.shop.platform.client;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Circuit breakers configured under {@code resilience4j.circuitbreaker.instances.<name>}, with the property names of
 * Resilience4j's own Spring Boot module (which has no release for Boot 4 that our Spring Cloud version converges
 * with). A breaker named nowhere gets the defaults below.
 */
public final class CircuitBreakers {

    static final String PREFIX = "resilience4j.circuitbreaker.instances";

    private CircuitBreakers() {}

    /** A registry holding a configuration for every configured instance. */
    public static CircuitBreakerRegistry registry(Environment environment) {
        Map<String, Settings> instances = Binder.get(environment)
                .bind(PREFIX, Bindable.mapOf(String.class, Settings.class))
                .orElse(Map.of());
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
        instances.forEach((name, settings) -> registry.addConfiguration(name, settings.config()));
        return registry;
    }

    /** The named breaker, with its configured settings. */
    public static CircuitBreaker breaker(CircuitBreakerRegistry registry, String name) {
        return registry.getConfiguration(name)
                .map(config -> registry.circuitBreaker(name, config))
                .orElseGet(() -> registry.circuitBreaker(name));
    }

    /**
     * One breaker's settings.
     *
     * @param slidingWindowSize how many recent calls the failure rate is computed over
     * @param minimumNumberOfCalls how many calls the window needs before the breaker can open
     * @param failureRateThreshold the failure percentage at which it opens
     * @param waitDurationInOpenState how long it fails fast before letting trial calls through
     * @param permittedNumberOfCallsInHalfOpenState how many trial calls decide whether it closes again
     * @param recordExceptions the exceptions that count as failures (all, if none is named)
     * @param ignoreExceptions the exceptions that count neither as failures nor as successes: the call never reached
     *     the service the breaker guards (no service token, say), so it says nothing about that service's health
     */
    public record Settings(
            int slidingWindowSize,
            int minimumNumberOfCalls,
            float failureRateThreshold,
            @Nullable Duration waitDurationInOpenState,
            int permittedNumberOfCallsInHalfOpenState,
            @Nullable List<Class<? extends Throwable>> recordExceptions,
            @Nullable List<Class<? extends Throwable>> ignoreExceptions) {

        @SuppressWarnings("unchecked")
        CircuitBreakerConfig config() {
            CircuitBreakerConfig.Builder builder = CircuitBreakerConfig.custom()
                    .slidingWindowSize(slidingWindowSize > 0 ? slidingWindowSize : 20)
                    .minimumNumberOfCalls(minimumNumberOfCalls > 0 ? minimumNumberOfCalls : 10)
                    .failureRateThreshold(failureRateThreshold > 0 ? failureRateThreshold : 50)
                    .waitDurationInOpenState(
                            waitDurationInOpenState != null ? waitDurationInOpenState : Duration.ofSeconds(10))
                    .permittedNumberOfCallsInHalfOpenState(
                            permittedNumberOfCallsInHalfOpenState > 0 ? permittedNumberOfCallsInHalfOpenState : 3);
            if (recordExceptions != null && !recordExceptions.isEmpty()) {
                builder.recordExceptions(recordExceptions.toArray(Class[]::new));
            }
            if (ignoreExceptions != null && !ignoreExceptions.isEmpty()) {
                builder.ignoreExceptions(ignoreExceptions.toArray(Class[]::new));
            }
            return builder.build();
        }
    }
}
