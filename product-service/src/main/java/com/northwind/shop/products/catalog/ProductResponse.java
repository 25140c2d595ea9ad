package com.northwind.shop.products.catalog;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A product as the frontend sees it. */
record ProductResponse(
        UUID id,
        String sku,
        String name,
        String description,
        Money price,
        CategoryRef category,
        List<String> imageUrls,
        Map<String, Object> attributes,
        boolean active,
        int availableQuantity,
        long version) {

    /** The category a product belongs to. */
    record CategoryRef(UUID id, String slug, String name) {}
}
