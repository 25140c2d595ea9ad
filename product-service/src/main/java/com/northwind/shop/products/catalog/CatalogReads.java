package com.northwind.shop.products.catalog;

import com.northwind.shop.products.cache.Representation;
import com.northwind.shop.products.cache.RepresentationCache;
import java.io.ByteArrayOutputStream;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
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

    /**
     * Several products, active or not, as one JSON array in the order asked, through the same cache as {@link #product}
     * (one statement for those it lacks); unknown ids are left out.
     */
    byte[] products(Collection<UUID> ids) {
        List<Representation> found = cache.products(
                ids,
                missing -> queries.products(missing).stream()
                        .collect(Collectors.toMap(
                                ProductResponse::id, p -> Representation.of(json.writeValueAsBytes(p)))));
        ByteArrayOutputStream array = new ByteArrayOutputStream();
        array.write('[');
        for (int i = 0; i < found.size(); i++) {
            if (i > 0) {
                array.write(',');
            }
            array.writeBytes(found.get(i).body());
        }
        array.write(']');
        return array.toByteArray();
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
