package com.northwind.shop.products.catalog;

import java.util.UUID;

/** What can go wrong in the catalog, in domain terms; {@link CatalogProblemAdvice} maps them to HTTP. */
final class CatalogExceptions {

    private CatalogExceptions() {}

    static final class ProductNotFound extends RuntimeException {
        ProductNotFound(UUID id) {
            super("No product " + id + " exists.");
        }
    }

    static final class UnknownCategory extends RuntimeException {
        UnknownCategory(UUID id) {
            super("No category " + id + " exists.");
        }
    }

    static final class DuplicateSku extends RuntimeException {
        DuplicateSku(String sku) {
            super("Another product already has SKU " + sku + ".");
        }
    }

    /** The client edited an older version than the current one. */
    static final class StaleVersion extends RuntimeException {
        final boolean fromIfMatch;

        StaleVersion(long expected, long actual, boolean fromIfMatch) {
            super("The product was changed since version " + expected + "; its current version is " + actual
                    + ". Reload it and apply the change again.");
            this.fromIfMatch = fromIfMatch;
        }
    }

    /** An update named no version: lost updates would go unnoticed. */
    static final class VersionRequired extends RuntimeException {
        VersionRequired() {
            super("Send the version you edited as If-Match (e.g. If-Match: \"3\") or as the body's version field.");
        }
    }

    static final class InsufficientStock extends RuntimeException {
        InsufficientStock(UUID id, int delta) {
            super("Product " + id + " has fewer than " + -delta + " unreserved units on the shelf to remove.");
        }
    }
}
