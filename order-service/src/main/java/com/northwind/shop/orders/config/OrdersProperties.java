package com.northwind.shop.orders.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * order-service settings, under {@code northwind.orders}.
 *
 * @param paymentWindow how long a placed order waits for payment before it expires (capped by the reservation's own
 *     expiry minus {@code reservationGrace}); keep it shorter than product-service's reservation TTL
 * @param reservationGrace how long before its stock reservation expires an order stops being payable, so that a
 *     payment accepted at the last moment still finds the stock held when OrderPaid reaches product-service
 * @param maxPageSize the largest page a client may ask for
 * @param maxCartItems how many different products a cart may hold
 * @param expiryInterval how often the expiry job looks for unpaid orders past their {@code expiresAt}
 * @param expiryBatchSize how many expired orders one job transaction cancels at most
 */
@Validated
@ConfigurationProperties("northwind.orders")
public record OrdersProperties(
        @NotNull Duration paymentWindow,
        @NotNull Duration reservationGrace,
        @Min(1) int maxPageSize,
        @Min(1) int maxCartItems,
        @NotNull Duration expiryInterval,
        @Min(1) int expiryBatchSize) {}
