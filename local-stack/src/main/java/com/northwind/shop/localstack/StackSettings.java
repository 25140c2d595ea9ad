package com.northwind.shop.localstack;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Where the services listen and how their JVMs run. The defaults are the documented ports (gateway :8080 ... payment
 * :8084, second product instance :8092) and quick-starting JVMs; a benchmark or a second stack on the same machine
 * moves the ports and picks its own JVM flags through the environment.
 *
 * @param portBase the gateway's port; every other port keeps its distance from it (user +1 ... payment +4, second
 *     product instance +12)
 * @param jvmFlags the flags every service JVM gets, before {@code -jar}
 */
record StackSettings(int portBase, List<String> jvmFlags) {

    static final StackSettings DEFAULT = new StackSettings(Service.GATEWAY.port(), Plan.JVM_FLAGS);

    StackSettings {
        jvmFlags = List.copyOf(jvmFlags);
        int highest = portBase + (Service.SECOND_PRODUCT_PORT - Service.GATEWAY.port());
        if (portBase < 1024 || highest > 65535) {
            throw new IllegalArgumentException(
                    EnvNames.LOCAL_STACK_PORT_BASE + " must leave ports 1024..65535 for every service: " + portBase);
        }
    }

    /** Reads {@code LOCAL_STACK_PORT_BASE} and {@code LOCAL_STACK_JVM_FLAGS} (space-separated); unset: defaults. */
    static StackSettings fromEnvironment(Map<String, String> env) {
        String base = env.getOrDefault(EnvNames.LOCAL_STACK_PORT_BASE, "").strip();
        String flags = env.getOrDefault(EnvNames.LOCAL_STACK_JVM_FLAGS, "").strip();
        int portBase;
        try {
            portBase = base.isEmpty() ? DEFAULT.portBase() : Integer.parseInt(base);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(EnvNames.LOCAL_STACK_PORT_BASE + " is not a port: " + base);
        }
        var jvmFlags = flags.isEmpty() ? Plan.JVM_FLAGS : Arrays.asList(flags.split("\\s+"));
        return new StackSettings(portBase, jvmFlags);
    }

    /** Where every service listens: the standard ports moved by the same distance. */
    Addresses addresses() {
        var ports = new EnumMap<Service, Integer>(Service.class);
        for (var service : Service.values()) {
            ports.put(service, portBase + (service.port() - Service.GATEWAY.port()));
        }
        return new Addresses(ports, portBase + (Service.SECOND_PRODUCT_PORT - Service.GATEWAY.port()));
    }
}
