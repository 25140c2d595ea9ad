package com.northwind.shop.products.catalog;

import com.northwind.shop.platform.problem.DomainException;

/** An update named no version: lost updates would go unnoticed. */
final class VersionRequired extends DomainException {

    VersionRequired() {
        super(
                Kind.PRECONDITION_REQUIRED,
                "version-required",
                "Send the version you edited as If-Match (e.g. If-Match: \"3\") or as the body's version field.");
    }
}
