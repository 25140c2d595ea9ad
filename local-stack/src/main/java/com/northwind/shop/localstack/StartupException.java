package com.northwind.shop.localstack;

/** Thrown when a process cannot start, dies while starting, or is not ready in time. */
public final class StartupException extends Exception {

    StartupException(String message) {
        super(message);
    }
}
