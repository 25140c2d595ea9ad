package com.northwind.shop.orders.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.northwind.shop.platform.client.CircuitBreakers;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.client.ResourceAccessException;
import tools.jackson.databind.json.JsonMapper;

class ProductCatalogClientCircuitBreakerTests {

    /** A product-service that cannot be reached, counting how often it was tried. */
    private static final class Unreachable implements ProductClient {

        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Product product(UUID id) {
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

    @Test
    void stopsCallingAnUnreachableProductServiceAndFailsFast() throws IOException {
        Unreachable client = new Unreachable();
        ProductCatalogClient products =
                new ProductCatalogClient(client, JsonMapper.builder().build(), configuredBreaker());

        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> products.reserve(UUID.randomUUID(), List.of()))
                    .isInstanceOf(ProductServiceUnavailableException.class);
        }
        int before = client.calls.get();

        assertThatThrownBy(() -> products.activeProduct(UUID.randomUUID()))
                .isInstanceOf(ProductServiceUnavailableException.class)
                .cause()
                .hasMessageContaining("circuit is open");
        assertThat(client.calls.get()).isEqualTo(before);
    }

    /** The breaker as application.yml configures it ({@code resilience4j.circuitbreaker.instances.product-service}). */
    private static CircuitBreaker configuredBreaker() throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader()
                .load("application.yml", new ClassPathResource("application.yml"))
                .forEach(environment.getPropertySources()::addLast);
        return CircuitBreakers.breaker(CircuitBreakers.registry(environment), ProductClientConfiguration.GROUP);
    }
}
