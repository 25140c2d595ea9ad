package com.northwind.shop.payments.order;

/** order-service could not be reached or did not answer usefully in time. */
public class OrderServiceUnavailableException extends RuntimeException {

    public OrderServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public OrderServiceUnavailableException(String message) {
        super(message);
    }
}
