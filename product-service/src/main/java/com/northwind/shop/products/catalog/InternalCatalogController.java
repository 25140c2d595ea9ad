package com.northwind.shop.products.catalog;

import com.northwind.shop.platform.problem.InvalidParameterException;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Several products in one call, for order-service's cart (service token with scope {@code internal}); never routed by
 * the gateway. A cart of n lines costs one request instead of n, and at most one statement: none when the cache holds
 * its products.
 */
@RestController
@Hidden
class InternalCatalogController {

    /** As many as a cart can hold, with room to spare: {@code northwind.orders.max-cart-items} is 50. */
    static final int MAX_IDS = 100;

    private final CatalogReads reads;

    InternalCatalogController(CatalogReads reads) {
        this.reads = reads;
    }

    /**
     * The products with these ids, active or not, in the order asked, through the catalog's cache (as fresh as a
     * public product read); unknown ids are left out.
     */
    @GetMapping(path = "/internal/products", produces = MediaType.APPLICATION_JSON_VALUE)
    byte[] products(@RequestParam List<UUID> ids) {
        Set<UUID> distinct = new LinkedHashSet<>(ids);
        if (distinct.isEmpty() || distinct.size() > MAX_IDS) {
            throw new InvalidParameterException("ids", "must name 1 to " + MAX_IDS + " products");
        }
        return reads.products(distinct);
    }
}
