package com.northwind.shop.products.catalog;

import com.northwind.shop.platform.problem.InvalidParameterException;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Several products in one call, for order-service's cart (service token with scope {@code internal}); never routed by
 * the gateway. A cart of n lines costs one request and one statement instead of n of each.
 */
@RestController
@Hidden
class InternalCatalogController {

    /** As many as a cart can hold, with room to spare: {@code northwind.orders.max-cart-items} is 50. */
    static final int MAX_IDS = 100;

    private final ProductQueries queries;

    InternalCatalogController(ProductQueries queries) {
        this.queries = queries;
    }

    /** The products with these ids, active or not, read from PostgreSQL; unknown ids are left out. */
    @GetMapping("/internal/products")
    List<ProductResponse> products(@RequestParam List<UUID> ids) {
        Set<UUID> distinct = new LinkedHashSet<>(ids);
        if (distinct.isEmpty() || distinct.size() > MAX_IDS) {
            throw new InvalidParameterException("ids", "must name 1 to " + MAX_IDS + " products");
        }
        return queries.products(distinct);
    }
}
