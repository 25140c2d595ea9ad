package com.northwind.shop.products.catalog;

import com.northwind.shop.platform.problem.DomainException;
import com.northwind.shop.platform.problem.Problems.FieldError;
import java.util.List;
import java.util.UUID;

/** A product names a category that does not exist: a field error of the request. */
final class UnknownCategory extends DomainException {

    UnknownCategory(UUID id) {
        super(Kind.INVALID, null, "No category " + id + " exists.");
    }

    @Override
    public List<FieldError> errors() {
        return List.of(new FieldError("categoryId", "names no category"));
    }
}
