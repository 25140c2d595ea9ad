package com.northwind.shop.products.catalog;

import com.northwind.shop.platform.problem.DomainException;
import com.northwind.shop.platform.problem.Problems.FieldError;
import java.util.List;
import java.util.UUID;

/** What can go wrong in the catalog, in domain terms; the platform maps each to a problem by its kind. */
final class CatalogExceptions {

    private CatalogExceptions() {}

    static final class ProductNotFound extends DomainException {
        ProductNotFound(UUID id) {
            super(Kind.NOT_FOUND, "product-not-found", "No product " + id + " exists.");
        }
    }

    static final class UnknownCategory extends DomainException {
        UnknownCategory(UUID id) {
            super(Kind.INVALID, null, "No category " + id + " exists.");
        }

        @Override
        public List<FieldError> errors() {
            return List.of(new FieldError("categoryId", "names no category"));
        }
    }

    static final class DuplicateSku extends DomainException {
        DuplicateSku(String sku) {
            super(Kind.CONFLICT, "duplicate-sku", "Another product already has SKU " + sku + ".");
        }
    }

    /** The client edited an older version than the current one. */
    static final class StaleVersion extends DomainException {
        StaleVersion(long expected, long actual, boolean fromIfMatch) {
            super(
                    fromIfMatch ? Kind.PRECONDITION_FAILED : Kind.CONFLICT,
                    "stale-version",
                    "The product was changed since version " + expected + "; its current version is " + actual
                            + ". Reload it and apply the change again.");
        }
    }

    /** An update named no version: lost updates would go unnoticed. */
    static final class VersionRequired extends DomainException {
        VersionRequired() {
            super(
                    Kind.PRECONDITION_REQUIRED,
                    "version-required",
                    "Send the version you edited as If-Match (e.g. If-Match: \"3\") or as the body's version field.");
        }
    }

    static final class InsufficientStock extends DomainException {
        InsufficientStock(UUID id, int delta) {
            super(
                    Kind.CONFLICT,
                    "insufficient-stock",
                    "Product " + id + " has fewer than " + -delta + " unreserved units on the shelf to remove.");
        }
    }
}
