package com.northwind.shop.orders.product;

/** product-service could not be reached or did not answer usefully in time. */
public class ProductServiceUnavailableException extends RuntimeException {

    public ProductServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public ProductServiceUnavailableException(String message) {
        super(message);
    }
}
