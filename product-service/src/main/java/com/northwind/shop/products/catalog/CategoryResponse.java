package com.northwind.shop.products.catalog;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A catalog category; {@code parentId} is null for a top-level one. */
record CategoryResponse(
        UUID id,
        String slug,
        String name,

        @Schema(
                types = {"string", "null"},
                format = "uuid",
                description = "null for a top-level category")
        @Nullable
        UUID parentId) {}
