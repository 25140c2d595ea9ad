package com.northwind.shop.platform.security;

/**
 * A token that must not be trusted. The message is for logs only; clients get a generic 401 so they learn nothing
 * about which check failed.
 */
public class InvalidTokenException extends RuntimeException {

    public InvalidTokenException(String message) {
        super(message);
    }

    public InvalidTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
