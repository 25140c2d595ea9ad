package com.northwind.shop.localstack;

import java.net.URI;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;

/**
 * Where each service listens: the fixed local ports of {@code bin/run-all}, or free ports picked at start-up so that
 * several stacks (system tests, a developer's own run) can share one machine.
 *
 * @param ports each service's port (the first product-service instance's for product-service)
 * @param secondProductPort the second product-service instance's port
 */
record Addresses(Map<Service, Integer> ports, int secondProductPort) {

    Addresses {
        ports = Map.copyOf(ports);
    }

    /** The well-known local ports: gateway 8080, user 8081, product 8082 and 8092, order 8083, payment 8084. */
    static Addresses fixed() {
        var ports = new EnumMap<Service, Integer>(Service.class);
        for (var service : Service.values()) {
            ports.put(service, service.port());
        }
        return new Addresses(ports, Service.SECOND_PRODUCT_PORT);
    }

    /** A distinct port for every process that was free a moment ago. */
    static Addresses free() {
        var taken = new HashSet<Integer>();
        var ports = new EnumMap<Service, Integer>(Service.class);
        for (var service : Service.values()) {
            ports.put(service, distinctFreePort(taken));
        }
        return new Addresses(ports, distinctFreePort(taken));
    }

    private static int distinctFreePort(java.util.Set<Integer> taken) {
        while (true) {
            int port = Ports.anyFree();
            if (taken.add(port)) {
                return port;
            }
        }
    }

    int port(Service service) {
        return Objects.requireNonNull(ports.get(service), () -> "no port for " + service);
    }

    URI uri(Service service) {
        return URI.create("http://localhost:" + port(service));
    }

    URI secondProductUri() {
        return URI.create("http://localhost:" + secondProductPort);
    }
}
