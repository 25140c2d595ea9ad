package com.northwind.shop.orders.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.ResourceAccessException;
import tools.jackson.databind.json.JsonMapper;

class ProductsCircuitBreakerTests {

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
    void stopsCallingAnUnreachableProductServiceAndFailsFast() {
        Unreachable client = new Unreachable();
        Products products = new Products(client, JsonMapper.builder().build(), Products.defaultBreaker());

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
}
