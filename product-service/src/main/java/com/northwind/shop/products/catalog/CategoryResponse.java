package com.northwind.shop.products.catalog;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A catalog category; {@code parentId} is null for a top-level one. */
record CategoryResponse(
        UUID id, String slug, String name, @Nullable UUID parentId) {}
