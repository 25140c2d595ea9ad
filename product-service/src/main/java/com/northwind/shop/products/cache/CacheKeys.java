package com.northwind.shop.products.cache;

import java.util.UUID;

/**
 * Where the catalog cache keeps things in Redis: every key and the eviction channel under one root,
 * {@code <key prefix>products:<key version>:}.
 *
 * @param root the common start of every key
 */
record CacheKeys(String root) {

    /** One product's representation (or the tombstone of its last eviction). */
    String product(UUID id) {
        return root + "product:" + id;
    }

    /** A listing page of one generation, by the digest of its normalized query. */
    String listing(long generation, String queryDigest) {
        return root + "listing:" + generation + ":" + queryDigest;
    }

    /** The counter that is part of every listing key: bumping it evicts every listing page at once. */
    String listingGeneration() {
        return root + "listing-generation";
    }

    /** The pub/sub channel on which every instance announces the products it evicted. */
    String evictionChannel() {
        return root + "evictions";
    }
}
