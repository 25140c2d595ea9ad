package com.northwind.shop.products.catalog;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A product as the frontend sees it (public: the stock feature's admin writes answer with it too). */
@Schema(example = """
                {"id": "3f2b6c1e-8d4a-4b7f-9e21-5a6c7d8e9f01", "sku": "MUG-0042", "name": "Enamel mug", "description": "350 ml, dishwasher safe", "price": {"amount": 1299, "currency": "USD"}, "category": {"id": "9b1d2c3e-4f5a-4b6c-8d7e-0f1a2b3c4d5e", "slug": "kitchen", "name": "Kitchen"}, "imageUrls": ["https://img.northwind.example/mug-0042.jpg"], "attributes": {"colour": "blue"}, "active": true, "availableQuantity": 120, "version": 3}
                """)
public record ProductResponse(
        UUID id,
        @Schema(maxLength = 64) String sku,
        @Schema(maxLength = 200) String name,

        @Schema(
                types = {"string", "null"},
                maxLength = 10_000)
        @Nullable
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
