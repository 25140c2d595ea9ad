package com.northwind.shop.products.catalog;

import com.northwind.shop.platform.problem.DomainException;
import java.util.UUID;

/** No product has this id (public: the stock feature answers with a product too). */
public final class ProductNotFound extends DomainException {

    public ProductNotFound(UUID id) {
        super(Kind.NOT_FOUND, "product-not-found", "No product " + id + " exists.");
    }
}
