package com.northwind.shop.payments.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.northwind.shop.platform.client.CircuitBreakers;
import com.northwind.shop.platform.security.ServiceTokenClient.ServiceTokenException;
import com.northwind.shop.platform.test.ApplicationYaml;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.ResourceAccessException;

class OrderServiceClientCircuitBreakerTests {

    @Test
    void stopsCallingAnUnreachableOrderServiceAndFailsFast() {
        AtomicInteger calls = new AtomicInteger();
        OrderServiceClient orders = new OrderServiceClient(
                id -> {
                    calls.incrementAndGet();
                    throw new ResourceAccessException("connection refused");
                },
                configuredBreaker());

        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> orders.find(UUID.randomUUID()))
                    .isInstanceOf(OrderServiceUnavailableException.class);
        }

        assertThatThrownBy(() -> orders.find(UUID.randomUUID()))
                .isInstanceOf(OrderServiceUnavailableException.class)
                .cause()
                .hasMessageContaining("circuit is open");
        assertThat(calls).hasValue(10);
    }

    @Test
    void aMissingServiceTokenDoesNotOpenTheBreaker() {
        AtomicInteger calls = new AtomicInteger();
        CircuitBreaker breaker = configuredBreaker();
        OrderServiceClient orders = new OrderServiceClient(
                id -> {
                    calls.incrementAndGet();
                    throw new ServiceTokenException("user-service is unreachable");
                },
                breaker);

        for (int i = 0; i < 30; i++) {
            assertThatThrownBy(() -> orders.find(UUID.randomUUID()))
                    .isInstanceOf(OrderServiceUnavailableException.class)
                    .cause()
                    .hasMessageContaining("user-service is unreachable");
        }

        assertThat(calls).hasValue(30);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
    }

    /** The breaker as application.yml configures it ({@code resilience4j.circuitbreaker.instances.order-service}). */
    private static CircuitBreaker configuredBreaker() {
        return CircuitBreakers.breaker(
                CircuitBreakers.registry(ApplicationYaml.environment()), OrderClientConfiguration.GROUP);
    }
}
