package com.northwind.shop.products.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of product-service, under {@code northwind.products}. Defaults live in {@code application.yml}.
 *
 * @param cache the Redis cache of the public catalog
 * @param http HTTP caching of the public catalog
 * @param reservations stock reservations
 */
@ConfigurationProperties("northwind.products")
@Validated
public record ProductsProperties(
        @Valid @NotNull Cache cache,
        @Valid @NotNull Http http,
        @Valid @NotNull Reservations reservations) {

    /**
     * The Redis cache of the public catalog.
     *
     * @param enabled whether reads go through Redis at all
     * @param keyVersion part of every key; bump it whenever the cached representation changes shape, so that a
     *     deploy never reads what an older version wrote
     * @param productTtl how long a product's representation stays cached
     * @param listingTtl how long a listing page stays cached
     * @param ttlJitter fraction (0 to 1) by which each TTL is randomly shortened, so that keys filled together do not
     *     expire together
     * @param tombstoneTtl how long an eviction keeps a value read before the write committed out of the key; longer
     *     than any load takes
     * @param backoff how long to skip Redis after it failed, so that a dead Redis costs one timeout, not one per read
     */
    public record Cache(
            boolean enabled,
            @NotBlank String keyVersion,
            @NotNull Duration productTtl,
            @NotNull Duration listingTtl,
            @DecimalMin("0") @DecimalMax("1") double ttlJitter,
            @NotNull Duration tombstoneTtl,
            @NotNull Duration backoff) {}

    /**
     * HTTP caching of the public catalog (browsers and a CDN in front of the gateway).
     *
     * @param maxAge how long a client may reuse a catalog response without revalidating it
     * @param sharedMaxAge how long a shared cache (CDN) may reuse it
     */
    public record Http(@NotNull Duration maxAge, @NotNull Duration sharedMaxAge) {}

    /**
     * Stock reservations.
     *
     * @param ttl how long an unconfirmed reservation holds stock; longer than order-service's payment window plus its
     *     reservation grace, so that a paid order finds its stock still held
     * @param expiryInterval how often the expiry job looks for reservations past their deadline
     * @param expiryBatchSize how many expired reservations one run of the job releases per transaction
     */
    public record Reservations(
            @NotNull Duration ttl,
            @NotNull Duration expiryInterval,
            @Min(1) int expiryBatchSize) {}
}
