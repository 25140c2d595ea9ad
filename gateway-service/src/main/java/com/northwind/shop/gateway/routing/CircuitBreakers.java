package com.northwind.shop.gateway.routing;

import com.northwind.shop.gateway.GatewayProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.time.Duration;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One circuit breaker per downstream service, set on purpose: Resilience4j's time limiter would cut every call at
 * 1 s; here it sits just above the route's own connect plus response timeout, so the route's timeout (a 504) fires
 * first and the limiter is only a backstop.
 */
@Configuration(proxyBeanMethods = false)
class CircuitBreakers {

    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> circuitBreakerDefaults(GatewayProperties properties) {
        GatewayProperties.CircuitBreaker settings = properties.circuitBreaker();
        return factory -> factory.configureDefault(id -> {
            GatewayProperties.Timeouts timeouts = properties.timeoutsFor(id);
            Duration limit =
                    timeouts.connect().multipliedBy(2).plus(timeouts.response()).plusSeconds(1);
            return new Resilience4JConfigBuilder(id)
                    .circuitBreakerConfig(CircuitBreakerConfig.custom()
                            .failureRateThreshold(settings.failureRateThreshold())
                            .slidingWindowSize(settings.slidingWindowSize())
                            .minimumNumberOfCalls(settings.minimumNumberOfCalls())
                            .waitDurationInOpenState(settings.waitDurationInOpenState())
                            .permittedNumberOfCallsInHalfOpenState(3)
                            .build())
                    .timeLimiterConfig(
                            TimeLimiterConfig.custom().timeoutDuration(limit).build())
                    .build();
        });
    }
}
