package com.northwind.shop.products.catalog;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The admin's writes to the catalog (stock adjustments are the stock feature's). Each one publishes
 * {@link ProductsChanged} so that caches are evicted.
 */
@Service
@Transactional
class CatalogService {

    private final Products products;
    private final ProductQueries queries;
    private final ApplicationEventPublisher events;

    CatalogService(Products products, ProductQueries queries, ApplicationEventPublisher events) {
        this.products = products;
        this.queries = queries;
        this.events = events;
    }

    ProductResponse create(CreateProductRequest request) {
        requireCategory(request.categoryId());
        if (products.existsBySku(request.sku())) {
            throw new DuplicateSku(request.sku());
        }
        Product product = new Product(
                request.sku(),
                request.name().strip(),
                request.description() != null ? request.description() : "",
                request.price(),
                request.categoryId(),
                request.imageUrls() != null ? request.imageUrls() : List.of(),
                request.attributes() != null ? request.attributes() : Map.of(),
                request.active() == null || request.active(),
                request.availableQuantity());
        save(product);
        return changed(product.id());
    }

    /**
     * Applies a partial update to the version the admin edited: {@code ifMatch} (from the {@code If-Match} header)
     * or else the body's {@code version}. A stale version changes nothing.
     */
    ProductResponse update(UUID id, UpdateProductRequest request, @Nullable String ifMatch) {
        Product product = products.findById(id).orElseThrow(() -> new ProductNotFound(id));
        if (ifMatch != null) {
            Long expected = IfMatch.version(ifMatch);
            if (expected != null && expected != product.version()) {
                throw new StaleVersion(expected, product.version(), true);
            }
        } else if (request.version() != null) {
            if (request.version() != product.version()) {
                throw new StaleVersion(request.version(), product.version(), false);
            }
        } else {
            throw new VersionRequired();
        }
        if (request.categoryId() != null) {
            requireCategory(request.categoryId());
        }
        if (request.sku() != null && products.existsBySkuAndIdNot(request.sku(), id)) {
            throw new DuplicateSku(request.sku());
        }
        product.apply(request);
        save(product);
        return changed(id);
    }

    ProductResponse deactivate(UUID id) {
        Product product = products.findById(id).orElseThrow(() -> new ProductNotFound(id));
        product.deactivate();
        save(product);
        return changed(id);
    }

    private void save(Product product) {
        try {
            products.saveAndFlush(product);
        } catch (DataIntegrityViolationException ex) {
            // Two admins creating the same SKU at once: the unique index decides.
            throw new DuplicateSku(product.sku());
        }
    }

    private void requireCategory(UUID categoryId) {
        if (!queries.categoryExists(categoryId)) {
            throw new UnknownCategory(categoryId);
        }
    }

    private ProductResponse changed(UUID id) {
        events.publishEvent(new ProductsChanged(Set.of(id)));
        return queries.product(id).orElseThrow(() -> new ProductNotFound(id));
    }
}
