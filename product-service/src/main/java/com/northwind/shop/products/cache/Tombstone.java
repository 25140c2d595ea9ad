package com.northwind.shop.products.cache;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * What an eviction leaves at a product's key in Redis: an empty entity tag, and a random token as the body, so that
 * each eviction's tombstone is unique and a reader can replace exactly the one it saw.
 */
final class Tombstone {

    private Tombstone() {}

    /** A tombstone for one eviction. */
    static Representation next() {
        return new Representation("", UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII));
    }

    static boolean is(Representation value) {
        return value.etag().isEmpty();
    }
}
