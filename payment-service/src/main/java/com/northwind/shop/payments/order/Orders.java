package com.northwind.shop.payments.order;

import com.northwind.shop.platform.security.ServiceTokenClient.ServiceTokenException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;

/**
 * order-service as payment-service sees it: its answers translated into domain terms, so that no HTTP client
 * exception leaks into the payment logic.
 */
@Component
public class Orders {

    private final OrderClient client;
    private final CircuitBreaker breaker;

    @Autowired
    Orders(OrderClient client) {
        this(client, defaultBreaker());
    }

    Orders(OrderClient client, CircuitBreaker breaker) {
        this.client = client;
        this.breaker = breaker;
    }

    /**
     * Opens when half of the last 20 calls (at least 10) failed to reach order-service, then fails fast for 10 s.
     * "Not found" is a success here: order-service answered.
     */
    static CircuitBreaker defaultBreaker() {
        return CircuitBreaker.of(
                "order-service",
                CircuitBreakerConfig.custom()
                        .slidingWindowSize(20)
                        .minimumNumberOfCalls(10)
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(Duration.ofSeconds(10))
                        .permittedNumberOfCallsInHalfOpenState(3)
                        .recordExceptions(OrderServiceUnavailableException.class)
                        .build());
    }

    /** The order as order-service knows it now; empty if it does not know it. */
    public Optional<OrderSnapshot> find(UUID orderId) {
        try {
            return breaker.executeSupplier(() -> lookUp(orderId));
        } catch (CallNotPermittedException ex) {
            throw new OrderServiceUnavailableException("order-service circuit is open", ex);
        }
    }

    private Optional<OrderSnapshot> lookUp(UUID orderId) {
        try {
            return Optional.of(client.order(orderId));
        } catch (HttpClientErrorException ex) {
            if (ex.getStatusCode().value() == 404) {
                return Optional.empty();
            }
            throw unavailable(ex);
        } catch (RestClientException | ServiceTokenException ex) {
            throw unavailable(ex);
        }
    }

    private static OrderServiceUnavailableException unavailable(Exception ex) {
        return new OrderServiceUnavailableException("order-service is unavailable: " + ex.getMessage(), ex);
    }
}
