package com.northwind.shop.products.catalog;

import java.util.Set;
import java.util.UUID;

/**
 * Published inside the transaction that changed these products (fields or stock); once it commits their cached
 * representations, and every cached listing, are evicted.
 *
 * @param productIds the products whose public representation changed
 */
public record ProductsChanged(Set<UUID> productIds) {

    public ProductsChanged {
        productIds = Set.copyOf(productIds);
    }
}
