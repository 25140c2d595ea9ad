package com.northwind.shop.products.catalog;

import com.northwind.shop.products.cache.RepresentationCache;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Evicts cached representations once a change committed: evicting earlier would let a concurrent reader cache the
 * row as it was before the commit. Runs on the writer's thread, so the write's response is only sent afterwards.
 */
@Component
class CacheEviction {

    private final RepresentationCache cache;

    CacheEviction(RepresentationCache cache) {
        this.cache = cache;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ProductsChanged changed) {
        cache.evict(changed.productIds());
    }
}
