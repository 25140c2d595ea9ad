package com.northwind.shop.localstack;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The service processes to start, in start order, with their environment.
 *
 * @param processes one entry per JVM
 */
record Plan(List<ProcessSpec> processes) {

    static final String READINESS_PATH = "/actuator/health/readiness";

    static final String LOCAL_PROFILE = "local";

    /** product-service loads its demo catalog under this profile (first instance only). */
    static final String DEMO_PROFILE = "demo";

    /**
     * This run's secrets of the service clients that call {@code /internal/**}: user-service learns all of them, each
     * client its own. Random per launcher run, never written anywhere.
     */
    static final Map<Service, String> CLIENT_SECRETS =
            Map.of(Service.ORDER, randomSecret(), Service.PAYMENT, randomSecret(), Service.PRODUCT, randomSecret());

    /** The services to run: all when none is named, else the named ones plus, with --with-deps, what they call. */
    static List<Service> select(Options options) {
        if (options.services().isEmpty()) {
            return List.of(Service.values());
        }
        var selected = EnumSet.noneOf(Service.class);
        var pending = new ArrayList<>(options.services());
        while (!pending.isEmpty()) {
            var service = pending.removeLast();
            if (selected.add(service) && options.withDeps()) {
                pending.addAll(service.calls());
            }
        }
        return List.copyOf(selected); // enum order: callees before callers, the gateway last
    }

    /**
     * Builds the plan.
     *
     * @param java the {@code java} executable every service runs on
     * @param jarOf where each service's executable jar is
     * @param logs folder of the log files
     */
    static Plan build(Options options, Connections connections, Path java, Function<Service, Path> jarOf, Path logs) {
        return build(options, StackSettings.DEFAULT, connections, java, jarOf, logs);
    }

    /** Builds the plan with the given ports and JVM flags. */
    static Plan build(
            Options options,
            StackSettings settings,
            Connections connections,
            Path java,
            Function<Service, Path> jarOf,
            Path logs) {
        var services = select(options);
        boolean twoProducts = services.contains(Service.GATEWAY) && services.contains(Service.PRODUCT);
        var processes = new ArrayList<ProcessSpec>();
        for (var service : services) {
            if (service == Service.PRODUCT && twoProducts) {
                processes.add(spec(
                        service,
                        "product-service-1",
                        settings.port(service),
                        options,
                        settings,
                        connections,
                        java,
                        jarOf,
                        logs));
                processes.add(spec(
                        service,
                        "product-service-2",
                        settings.secondProductPort(),
                        options,
                        settings,
                        connections,
                        java,
                        jarOf,
                        logs));
            } else {
                processes.add(spec(
                        service,
                        service.moduleName(),
                        settings.port(service),
                        options,
                        settings,
                        connections,
                        java,
                        jarOf,
                        logs));
            }
        }
        return new Plan(processes);
    }

    private static ProcessSpec spec(
            Service service,
            String name,
            int port,
            Options options,
            StackSettings settings,
            Connections connections,
            Path java,
            Function<Service, Path> jarOf,
            Path logs) {
        var env = new HashMap<String, String>();
        env.put(EnvNames.PORT, Integer.toString(port));
        env.put(EnvNames.INSTANCE_ID, name);
        env.put(EnvNames.SPRING_PROFILES_ACTIVE, profiles(service, name, options));
        env.put(EnvNames.REDIS_HOST, connections.redisHost());
        env.put(EnvNames.REDIS_PORT, Integer.toString(connections.redisPort()));
        if (service.usesDatabase()) {
            env.put(EnvNames.DB_URL, connections.dbUrl());
            env.put(EnvNames.DB_USERNAME, connections.dbUsername());
            env.put(EnvNames.DB_PASSWORD, connections.dbPassword());
        }
        // Where the others are: the services' own defaults name the standard ports, which a moved stack does not use.
        env.put(EnvNames.JWT_JWKS_URI, settings.url(Service.USER) + "/.well-known/jwks.json");
        env.put(EnvNames.SERVICE_TOKEN_URI, settings.url(Service.USER) + "/api/auth/token");
        switch (service) {
            case ORDER -> env.put(EnvNames.PRODUCT_SERVICE_URL, settings.url(Service.PRODUCT));
            case PAYMENT -> env.put(EnvNames.ORDER_SERVICE_URL, settings.url(Service.ORDER));
            case GATEWAY -> {
                env.put(EnvNames.USER_SERVICE_URI_0, settings.url(Service.USER));
                env.put(EnvNames.ORDER_SERVICE_URI_0, settings.url(Service.ORDER));
                env.put(EnvNames.PAYMENT_SERVICE_URI_0, settings.url(Service.PAYMENT));
            }
            default -> {}
        }
        if (service == Service.USER) {
            CLIENT_SECRETS.forEach((client, secret) -> env.put(EnvNames.clientSecretOf(client), secret));
        }
        if (CLIENT_SECRETS.containsKey(service)) {
            env.put(EnvNames.SERVICE_CLIENT_SECRET, CLIENT_SECRETS.get(service));
        }
        if (service == Service.USER && options.demoData()) {
            env.put(EnvNames.BOOTSTRAP_ADMIN_EMAIL, DemoData.ADMIN_EMAIL);
            env.put(EnvNames.BOOTSTRAP_ADMIN_PASSWORD, DemoData.ADMIN_PASSWORD);
        }
        var command = new ArrayList<String>();
        command.add(java.toString());
        command.addAll(settings.jvmFlags());
        command.add("-jar");
        command.add(jarOf.apply(service).toString());
        if (service == Service.GATEWAY) {
            command.addAll(productInstances(settings));
        }
        var readiness = URI.create("http://localhost:" + port + READINESS_PATH);
        return new ProcessSpec(name, command, env, port, Probe.http(readiness), logs.resolve(name + ".log"));
    }

    private static String profiles(Service service, String name, Options options) {
        boolean demoCatalog = service == Service.PRODUCT && options.demoData() && !name.endsWith("-2");
        return demoCatalog ? LOCAL_PROFILE + "," + DEMO_PROFILE : LOCAL_PROFILE;
    }

    /** Both product-service instances, whether or not this run starts them (the gateway balances over them). */
    private static List<String> productInstances(StackSettings settings) {
        return List.of(
                EnvNames.productInstanceArgument(0, settings.url(Service.PRODUCT)),
                EnvNames.productInstanceArgument(1, "http://localhost:" + settings.secondProductPort()));
    }

    /** The process of the given name, e.g. {@code "gateway-service"}. */
    ProcessSpec process(String name) {
        return processes.stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no process " + name));
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
