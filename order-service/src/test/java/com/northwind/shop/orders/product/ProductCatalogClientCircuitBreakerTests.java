package com.northwind.shop.orders.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.northwind.shop.platform.client.CircuitBreakers;
import com.northwind.shop.platform.security.ServiceTokenClient.ServiceTokenException;
import com.northwind.shop.platform.test.ApplicationYaml;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.ResourceAccessException;
import tools.jackson.databind.json.JsonMapper;

class ProductCatalogClientCircuitBreakerTests {

    /** A product-service that cannot be reached, counting how often it was tried. */
    private static final class Unreachable implements ProductClient {

        final AtomicInteger calls = new AtomicInteger();

        @Override
        public List<Product> products(Collection<UUID> ids) {
            calls.incrementAndGet();
            throw new ResourceAccessException("connection refused");
        }

        @Override
        public Reservation reserve(ReservationRequest request) {
            calls.incrementAndGet();
            throw new ResourceAccessException("connection refused");
        }

        @Override
        public Reservation release(UUID orderId, String reason) {
            calls.incrementAndGet();
            throw new ResourceAccessException("connection refused");
        }
    }

    /** A product-service that is never called: user-service issues no service token for the call. */
    private static final class NoServiceToken implements ProductClient {

        final AtomicInteger calls = new AtomicInteger();

        @Override
        public List<Product> products(Collection<UUID> ids) {
            throw refused();
        }

        @Override
        public Reservation reserve(ReservationRequest request) {
            throw refused();
        }

        @Override
        public Reservation release(UUID orderId, String reason) {
            throw refused();
        }

        private ServiceTokenException refused() {
            calls.incrementAndGet();
            return new ServiceTokenException("user-service is unreachable");
        }
    }

    @Test
    void stopsCallingAnUnreachableProductServiceAndFailsFast() {
        Unreachable client = new Unreachable();
        ProductCatalogClient products =
                new ProductCatalogClient(client, JsonMapper.builder().build(), configuredBreaker());

        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> products.reserve(UUID.randomUUID(), List.of()))
                    .isInstanceOf(ProductServiceUnavailableException.class);
        }
        int before = client.calls.get();

        assertThatThrownBy(() -> products.products(List.of(UUID.randomUUID())))
                .isInstanceOf(ProductServiceUnavailableException.class)
                .cause()
                .hasMessageContaining("circuit is open");
        assertThat(client.calls.get()).isEqualTo(before);
    }

    @Test
    void aMissingServiceTokenDoesNotOpenTheBreaker() {
        NoServiceToken noToken = new NoServiceToken();
        CircuitBreaker breaker = configuredBreaker();
        ProductCatalogClient products =
                new ProductCatalogClient(noToken, JsonMapper.builder().build(), breaker);

        for (int i = 0; i < 30; i++) {
            assertThatThrownBy(() -> products.reserve(UUID.randomUUID(), List.of()))
                    .isInstanceOf(ProductServiceUnavailableException.class)
                    .cause()
                    .hasMessageContaining("user-service is unreachable");
        }

        assertThat(noToken.calls).hasValue(30);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
    }

    /** The breaker as application.yml configures it ({@code resilience4j.circuitbreaker.instances.product-service}). */
    private static CircuitBreaker configuredBreaker() {
        return CircuitBreakers.breaker(
                CircuitBreakers.registry(ApplicationYaml.environment()), ProductClientConfiguration.GROUP);
    }
}
