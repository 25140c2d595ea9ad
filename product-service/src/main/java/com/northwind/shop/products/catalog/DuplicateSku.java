package com.northwind.shop.products.catalog;

import com.northwind.shop.platform.problem.DomainException;

/** Another product already has this SKU. */
final class DuplicateSku extends DomainException {

    DuplicateSku(String sku) {
        super(Kind.CONFLICT, "duplicate-sku", "Another product already has SKU " + sku + ".");
    }
}
