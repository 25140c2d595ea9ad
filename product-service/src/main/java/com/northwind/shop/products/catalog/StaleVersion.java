package com.northwind.shop.products.catalog;

import com.northwind.shop.platform.problem.DomainException;

/** The client edited an older version than the current one. */
final class StaleVersion extends DomainException {

    StaleVersion(long expected, long actual, boolean fromIfMatch) {
        super(
                fromIfMatch ? Kind.PRECONDITION_FAILED : Kind.CONFLICT,
                "stale-version",
                "The product was changed since version " + expected + "; its current version is " + actual
                        + ". Reload it and apply the change again.");
    }
}
