package com.northwind.shop.products.catalog;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A catalog category; {@code parentId} is null for a top-level one. */
@Schema(example = """
                {"id": "9b1d2c3e-4f5a-4b6c-8d7e-0f1a2b3c4d5e", "slug": "kitchen", "name": "Kitchen", "parentId": null}
                """)
record CategoryResponse(
        UUID id,

        @Schema(maxLength = 80, pattern = "^[a-z0-9]+(-[a-z0-9]+)*$")
        String slug,

        @Schema(maxLength = 120) String name,

        @Schema(
                types = {"string", "null"},
                format = "uuid",
                description = "null for a top-level category")
        @Nullable
        UUID parentId) {}
