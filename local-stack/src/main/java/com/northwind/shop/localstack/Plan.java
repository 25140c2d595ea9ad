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

    /** Fixed heap and a quick-starting JIT: six JVMs share a laptop (or two CI cores). */
    static final List<String> JVM_FLAGS =
            List.of("-Xms96m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");

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

    /** Builds the plan on the fixed local ports with the default JVM flags and nothing extra in the environment. */
    static Plan build(Options options, Connections connections, Path java, Function<Service, Path> jarOf, Path logs) {
        return build(options, connections, java, jarOf, logs, Addresses.fixed(), JVM_FLAGS, Map.of());
    }

    /**
     * Builds the plan.
     *
     * @param java the {@code java} executable every service runs on
     * @param jarOf where each service's executable jar is
     * @param logs folder of the log files
     * @param addresses where each service listens; every service is told where the ones it calls are
     * @param jvmFlags flags of every service JVM (heap, GC, JIT)
     * @param extraEnvironment added to every service's environment last (e.g. a test's rate limits); a name of the
     *     form {@code <module>:<NAME>} sets {@code NAME} for that service only (e.g. its Redis user), after the rest
     */
    static Plan build(
            Options options,
            Connections connections,
            Path java,
            Function<Service, Path> jarOf,
            Path logs,
            Addresses addresses,
            List<String> jvmFlags,
            Map<String, String> extraEnvironment) {
        var services = select(options);
        boolean twoProducts = services.contains(Service.GATEWAY) && services.contains(Service.PRODUCT);
        var context = new Context(options, connections, java, jarOf, logs, addresses, jvmFlags, extraEnvironment);
        var processes = new ArrayList<ProcessSpec>();
        for (var service : services) {
            if (service == Service.PRODUCT && twoProducts) {
                processes.add(spec(service, "product-service-1", addresses.port(service), context));
                processes.add(spec(service, "product-service-2", addresses.secondProductPort(), context));
            } else {
                processes.add(spec(service, service.moduleName(), addresses.port(service), context));
            }
        }
        return new Plan(processes);
    }

    /** Everything {@link #spec} needs besides the process itself. */
    private record Context(
            Options options,
            Connections connections,
            Path java,
            Function<Service, Path> jarOf,
            Path logs,
            Addresses addresses,
            List<String> jvmFlags,
            Map<String, String> extraEnvironment) {}

    private static ProcessSpec spec(Service service, String name, int port, Context context) {
        var options = context.options();
        var connections = context.connections();
        var addresses = context.addresses();
        var env = new HashMap<String, String>();
        env.put(EnvNames.PORT, Integer.toString(port));
        env.put(EnvNames.INSTANCE_ID, name);
        env.put(EnvNames.SPRING_PROFILES_ACTIVE, profiles(service, name, options));
        env.put(EnvNames.REDIS_HOST, connections.redisHost());
        env.put(EnvNames.REDIS_PORT, Integer.toString(connections.redisPort()));
        // Where user-service is, for every token check (JWKS) and every service token.
        env.put(EnvNames.JWT_JWKS_URI, addresses.uri(Service.USER) + "/.well-known/jwks.json");
        env.put(EnvNames.SERVICE_TOKEN_URI, addresses.uri(Service.USER) + "/api/auth/token");
        if (service.usesDatabase()) {
            env.put(EnvNames.DB_URL, connections.dbUrl());
            env.put(EnvNames.DB_USERNAME, connections.dbUsername());
            env.put(EnvNames.DB_PASSWORD, connections.dbPassword());
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
        if (service == Service.GATEWAY) {
            env.put(
                    EnvNames.instanceUriOf(Service.USER),
                    addresses.uri(Service.USER).toString());
            env.put(
                    EnvNames.instanceUriOf(Service.ORDER),
                    addresses.uri(Service.ORDER).toString());
            env.put(
                    EnvNames.instanceUriOf(Service.PAYMENT),
                    addresses.uri(Service.PAYMENT).toString());
        }
        if (service == Service.PAYMENT) {
            env.put(EnvNames.ORDER_SERVICE_URL, addresses.uri(Service.ORDER).toString());
        }
        var own = service.moduleName() + ":";
        context.extraEnvironment().forEach((variable, value) -> {
            if (variable.indexOf(':') < 0) {
                env.put(variable, value);
            }
        });
        context.extraEnvironment().forEach((variable, value) -> {
            if (variable.startsWith(own)) {
                env.put(variable.substring(own.length()), value);
            }
        });
        var command = new ArrayList<String>();
        command.add(context.java().toString());
        command.addAll(context.jvmFlags());
        command.add("-jar");
        command.add(context.jarOf().apply(service).toString());
        if (service == Service.GATEWAY || service == Service.ORDER) {
            command.addAll(productInstances(addresses));
        }
        if (service == Service.PAYMENT) {
            command.add(EnvNames.instanceArgument("order-service", 0, addresses.uri(Service.ORDER)));
        }
        var readiness = URI.create("http://localhost:" + port + READINESS_PATH);
        return new ProcessSpec(
                name, command, env, port, Probe.http(readiness), context.logs().resolve(name + ".log"));
    }

    private static String profiles(Service service, String name, Options options) {
        boolean demoCatalog = service == Service.PRODUCT && options.demoData() && !name.endsWith("-2");
        return demoCatalog ? LOCAL_PROFILE + "," + DEMO_PROFILE : LOCAL_PROFILE;
    }

    /**
     * Both product-service instances, whether or not this run starts them: the gateway and order-service balance
     * over them (and skip one that is down).
     */
    private static List<String> productInstances(Addresses addresses) {
        return List.of(
                EnvNames.productInstanceArgument(
                        0, addresses.uri(Service.PRODUCT).toString()),
                EnvNames.productInstanceArgument(1, addresses.secondProductUri().toString()));
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
