package com.northwind.shop.products.catalog;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A product as the frontend sees it. */
record ProductResponse(
        UUID id,
        @Schema(maxLength = 64) String sku,
        @Schema(maxLength = 200) String name,

        @Schema(
                types = {"string", "null"},
                maxLength = 10_000)
        String description,

        Money price,
        CategoryRef category,

        @ArraySchema(maxItems = 20, schema = @Schema(format = "uri", maxLength = 2_000))
        List<String> imageUrls,

        Map<String, Object> attributes,
        boolean active,
        int availableQuantity,
        long version) {

    /** The category a product belongs to. */
    record CategoryRef(
            UUID id,

            @Schema(maxLength = 80, pattern = "^[a-z0-9]+(-[a-z0-9]+)*$")
            String slug,

            @Schema(maxLength = 120) String name) {}
}
