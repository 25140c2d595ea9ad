package com.northwind.shop.orders.product;

import com.northwind.shop.platform.client.CircuitBreakers;
import com.northwind.shop.platform.security.ServiceTokenClient.ServiceTokenException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * product-service as order-service sees it: its answers translated into domain exceptions, so that no HTTP client
 * exception leaks into the order logic.
 */
@Component
public class ProductCatalogClient {

    private static final Logger log = LoggerFactory.getLogger(ProductCatalogClient.class);

    private final ProductClient client;
    private final JsonMapper json;
    private final CircuitBreaker breaker;

    @Autowired
    ProductCatalogClient(ProductClient client, JsonMapper json, CircuitBreakerRegistry breakers) {
        this(client, json, CircuitBreakers.breaker(breakers, ProductClientConfiguration.GROUP));
    }

    /**
     * The breaker ({@code resilience4j.circuitbreaker.instances.product-service}) counts only
     * {@link ProductServiceUnavailableException}: answers such as "out of stock" or "unknown product" are successes
     * here, product-service answered; a missing service token is neither.
     */
    ProductCatalogClient(ProductClient client, JsonMapper json, CircuitBreaker breaker) {
        this.client = client;
        this.json = json;
        this.breaker = breaker;
    }

    /**
     * The products with these ids as they are now, active or not, in one call; unknown ids are missing from the map.
     */
    public Map<UUID, Product> products(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return guarded(() -> call(() -> client.products(ids))).stream()
                .collect(Collectors.toMap(Product::id, Function.identity(), (a, b) -> a));
    }

    /** Holds stock for an order, all lines or none. */
    public Reservation reserve(UUID orderId, List<ReservationRequest.Line> lines) {
        return guarded(() -> reserveNow(orderId, lines));
    }

    private Reservation reserveNow(UUID orderId, List<ReservationRequest.Line> lines) {
        try {
            return client.reserve(new ReservationRequest(orderId, lines));
        } catch (HttpClientErrorException ex) {
            if (ex.getStatusCode().value() == HttpStatus.CONFLICT.value()) {
                JsonNode problem = parse(ex.getResponseBodyAsString());
                if (problem.path("type").asString("").endsWith("insufficient-stock")) {
                    List<Object> shortages = problem.path("lines").isArray()
                            ? json.convertValue(
                                    problem.path("lines"),
                                    json.getTypeFactory().constructCollectionType(List.class, Object.class))
                            : List.of();
                    throw new InsufficientStockException(shortages);
                }
            }
            throw translate(ex);
        } catch (RestClientException ex) {
            throw unavailable(ex);
        }
    }

    /** Releases an order's stock; idempotent. */
    public void release(UUID orderId) {
        guarded(() -> call(() -> client.release(orderId, "cancelled")));
    }

    /**
     * Gives back the stock of a checkout that failed after asking for it (product-service releases only stock not yet
     * confirmed, and lets the checkout's retry, or a late OrderPaid, take it again); logs instead of failing: the
     * reservation expires on its own.
     */
    public void releaseAfterFailedCheckout(UUID orderId) {
        try {
            guarded(() -> call(() -> client.release(orderId, "checkout-failed")));
        } catch (RuntimeException ex) {
            log.warn("Could not release the reservation of failed checkout {}; it will expire on its own", orderId, ex);
        }
    }

    /**
     * Releases an order's stock, logging instead of failing: the reservation expires at product-service on its own,
     * so a failed release delays stock, it never loses it.
     */
    public void releaseQuietly(UUID orderId) {
        try {
            release(orderId);
        } catch (RuntimeException ex) {
            log.warn("Could not release the reservation of order {}; it will expire on its own", orderId, ex);
        }
    }

    /**
     * A {@link ServiceTokenException} crosses the breaker untranslated, so that the breaker ignores it (its
     * {@code ignore-exceptions}): user-service failing to issue a token says nothing about product-service.
     */
    private <T> T guarded(Supplier<T> call) {
        try {
            return breaker.executeSupplier(call);
        } catch (CallNotPermittedException ex) {
            throw new ProductServiceUnavailableException("product-service circuit is open", ex);
        } catch (ServiceTokenException ex) {
            throw unavailable(ex);
        }
    }

    private <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (HttpClientErrorException ex) {
            throw translate(ex);
        } catch (RestClientException ex) {
            throw unavailable(ex);
        }
    }

    private RuntimeException translate(HttpClientErrorException ex) {
        int status = ex.getStatusCode().value();
        if (status == 404 || status == 409 || status == 422) {
            String detail = parse(ex.getResponseBodyAsString()).path("detail").asString("");
            return new ProductUnavailableException(detail.isBlank() ? "Some products are not available." : detail);
        }
        return unavailable(ex);
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body.isBlank() ? "{}" : body);
        } catch (JacksonException ex) {
            return json.createObjectNode();
        }
    }

    private static ProductServiceUnavailableException unavailable(Exception ex) {
        return new ProductServiceUnavailableException("product-service is unavailable: " + ex.getMessage(), ex);
    }
}
