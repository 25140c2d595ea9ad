package com.northwind.shop.orders.product;

import com.northwind.shop.platform.problem.DomainException;

/** A product that is unknown or no longer sold was asked for. */
public class ProductUnavailableException extends DomainException {

    public ProductUnavailableException(String message) {
        super(Kind.UNPROCESSABLE, "product-unavailable", message);
    }
}
