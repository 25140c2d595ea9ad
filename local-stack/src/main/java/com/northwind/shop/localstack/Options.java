package com.northwind.shop.localstack;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the user asked for on the command line.
 *
 * @param services the services named (empty: all of them)
 * @param withDeps also start the services the named ones call
 * @param demoData load the demo accounts and catalog once everything is ready
 * @param help print the usage and exit
 */
record Options(Set<Service> services, boolean withDeps, boolean demoData, boolean help) {

    static final String USAGE = """
            usage: bin/run-all [--build] [--with-deps] [--no-demo] [service ...]

              (no service)   PostgreSQL, Redis and every service: user, product (two instances), order,
                             payment and the gateway on http://localhost:8080
              service ...    PostgreSQL, Redis and only these (user-service, product-service,
                             order-service, payment-service, gateway-service)
              --with-deps    also start the services the named ones call
              --no-demo      do not create the demo accounts and catalog
              --build        (bin/run-all) rebuild the jars first

            PostgreSQL: DB_URL, DB_USERNAME, DB_PASSWORD if reachable, else an embedded server (data in
            .local/postgres). Redis: REDIS_HOST, REDIS_PORT if reachable, else a local redis-server (.local/redis).
            LOCAL_STACK_PORT_BASE moves every port (gateway there, user +1 ... payment +4, product-2 +12);
            LOCAL_STACK_JVM_FLAGS replaces the services' JVM flags (space-separated).
            Logs: .local/logs/<process>.log. Ctrl-C stops everything.""";

    static Options parse(List<String> args) {
        var services = new LinkedHashSet<Service>();
        boolean withDeps = false;
        boolean demoData = true;
        boolean help = false;
        var unknown = new ArrayList<String>();
        for (String arg : args) {
            switch (arg) {
                case "--with-deps" -> withDeps = true;
                case "--no-demo" -> demoData = false;
                case "-h", "--help" -> help = true;
                default -> Service.byName(arg).ifPresentOrElse(services::add, () -> unknown.add(arg));
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown argument(s): " + String.join(", ", unknown) + "\n\n" + USAGE);
        }
        return new Options(Set.copyOf(services), withDeps, demoData, help);
    }
}
