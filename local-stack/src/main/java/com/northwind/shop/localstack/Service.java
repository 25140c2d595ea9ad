package com.northwind.shop.localstack;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The deployable services the launcher knows, with their fixed local ports and the services each one calls. */
enum Service {
    USER("user-service", 8081, List.of()),
    PRODUCT("product-service", 8082, List.of("user-service")),
    ORDER("order-service", 8083, List.of("user-service", "product-service")),
    PAYMENT("payment-service", 8084, List.of("user-service", "order-service")),
    GATEWAY("gateway-service", 8080, List.of("user-service", "product-service", "order-service", "payment-service"));

    /** Port of the second product-service instance, which runs whenever the gateway does. */
    static final int SECOND_PRODUCT_PORT = 8092;

    private final String moduleName;
    private final int port;
    private final List<String> calls;

    Service(String moduleName, int port, List<String> calls) {
        this.moduleName = moduleName;
        this.port = port;
        this.calls = calls;
    }

    /** Maven module and artifact name, also what the user types on the command line. */
    String moduleName() {
        return moduleName;
    }

    int port() {
        return port;
    }

    List<Service> calls() {
        return calls.stream().map(name -> byName(name).orElseThrow()).toList();
    }

    /** The MVC services keep their data in PostgreSQL; the gateway has no database. */
    boolean usesDatabase() {
        return this != GATEWAY;
    }

    static Optional<Service> byName(String name) {
        return Arrays.stream(values())
                .filter(service -> service.moduleName.equals(name))
                .findFirst();
    }
}
