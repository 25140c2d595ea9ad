package com.northwind.shop.products.catalog;

import com.northwind.shop.products.cache.Representation;
import com.northwind.shop.products.cache.RepresentationCache;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The public catalog's reads, as ready-to-send JSON, through the Redis cache. */
@Component
class CatalogReads {

    private final ProductQueries queries;
    private final RepresentationCache cache;
    private final JsonMapper json;

    CatalogReads(ProductQueries queries, RepresentationCache cache, JsonMapper json) {
        this.queries = queries;
        this.cache = cache;
        this.json = json;
    }

    Representation product(UUID id) {
        Representation product = cache.product(
                id,
                () -> queries.product(id)
                        .map(p -> Representation.of(json.writeValueAsBytes(p)))
                        .orElse(null));
        if (product == null) {
            throw new ProductNotFound(id);
        }
        return product;
    }

    Representation list(ProductSearch.Normalized search) {
        if (!search.cacheable()) {
            return Representation.of(json.writeValueAsBytes(queries.list(search)));
        }
        return cache.listing(search.cacheKey(), () -> Representation.of(json.writeValueAsBytes(queries.list(search))));
    }

    List<CategoryResponse> categories() {
        return queries.categories();
    }
}
