package com.northwind.shop.gateway.routing;

import com.northwind.shop.gateway.GatewayProperties;
import com.northwind.shop.gateway.problem.ProblemResponses;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * One circuit breaker per downstream service, and the {@link UpstreamGuard} that drives it on every route of that
 * service. No bulkhead and no time limiter (see {@link UpstreamGuard}); the state of each breaker is the gauge
 * {@code gateway.circuitbreaker.state} (0 closed, 1 open, 2 half open).
 */
@Component
public class CircuitBreakers {

    private final CircuitBreakerRegistry registry;
    private final ProblemResponses problems;
    private final MeterRegistry meters;
    private final long retryAfterSeconds;
    private final Map<String, UpstreamGuard> guards = new ConcurrentHashMap<>();

    CircuitBreakers(GatewayProperties properties, ProblemResponses problems, MeterRegistry meters) {
        GatewayProperties.CircuitBreaker settings = properties.circuitBreaker();
        this.registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumNumberOfCalls())
                .waitDurationInOpenState(settings.waitDurationInOpenState())
                .permittedNumberOfCallsInHalfOpenState(3)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build());
        this.problems = problems;
        this.meters = meters;
        this.retryAfterSeconds = Math.max(1, settings.waitDurationInOpenState().toSeconds());
    }

    /** The guard of a service's routes (one breaker per service, shared by its routes). */
    UpstreamGuard guard(String serviceId) {
        return guards.computeIfAbsent(serviceId, id -> {
            CircuitBreaker breaker = registry.circuitBreaker(id);
            Gauge.builder("gateway.circuitbreaker.state", breaker, b -> switch (b.getState()) {
                        case CLOSED -> 0;
                        case OPEN, FORCED_OPEN -> 1;
                        case HALF_OPEN -> 2;
                        default -> -1;
                    })
                    .tag("service", id)
                    .description("0 closed, 1 open, 2 half open")
                    .register(meters);
            return new UpstreamGuard(breaker, problems, retryAfterSeconds);
        });
    }

    /** The breaker of a service, for health reporting and tests. */
    public CircuitBreaker.State state(String serviceId) {
        return registry.circuitBreaker(serviceId).getState();
    }
}
