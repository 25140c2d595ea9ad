package com.northwind.shop.orders.product;

/** A product that is unknown or no longer sold was asked for. */
public class ProductUnavailableException extends RuntimeException {

    public ProductUnavailableException(String message) {
        super(message);
    }
}
