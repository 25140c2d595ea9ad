package com.northwind.shop.payments.order;

import com.northwind.shop.platform.client.CircuitBreakers;
import com.northwind.shop.platform.security.ServiceTokenClient.ServiceTokenException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
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
public class OrderServiceClient {

    private final OrderClient client;
    private final CircuitBreaker breaker;

    @Autowired
    OrderServiceClient(OrderClient client, CircuitBreakerRegistry breakers) {
        this(client, CircuitBreakers.breaker(breakers, OrderClientConfiguration.GROUP));
    }

    /**
     * The breaker ({@code resilience4j.circuitbreaker.instances.order-service}) counts only
     * {@link OrderServiceUnavailableException}: "not found" is a success here, order-service answered; a missing
     * service token is neither.
     */
    OrderServiceClient(OrderClient client, CircuitBreaker breaker) {
        this.client = client;
        this.breaker = breaker;
    }

    /** The order as order-service knows it now; empty if it does not know it. */
    public Optional<OrderSnapshot> find(UUID orderId) {
        try {
            return breaker.executeSupplier(() -> lookUp(orderId));
        } catch (CallNotPermittedException ex) {
            throw new OrderServiceUnavailableException("order-service circuit is open", ex);
        } catch (ServiceTokenException ex) { // crossed the breaker untranslated: ignored there (ignore-exceptions)
            throw unavailable(ex);
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
        } catch (RestClientException ex) {
            throw unavailable(ex);
        }
    }

    private static OrderServiceUnavailableException unavailable(Exception ex) {
        return new OrderServiceUnavailableException("order-service is unavailable: " + ex.getMessage(), ex);
    }
}
