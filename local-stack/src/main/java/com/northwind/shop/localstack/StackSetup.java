package com.northwind.shop.localstack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How one stack is set up: what to start, where it runs and with which settings. The command line's comes from the
 * environment ({@link #commandLine}); a stack started from code gets its own from {@link LocalStack.Builder}.
 *
 * @param options what to start
 * @param root the repository root (the services' jars are under it)
 * @param env the environment the configured servers are read from
 * @param addresses where every service listens
 * @param jvmFlags flags of every service JVM
 * @param serviceEnvironment environment variables for every service ({@code NAME}) or one ({@code service:NAME})
 * @param workDir where logs and the data of embedded servers go; null for {@code .local/} (the command line's)
 * @param dedicatedRedis a {@code redis-server} of its own on a free port, not the configured one
 * @param givenRedis the configured Redis used as is, without asking it (unauthenticated) whether it answers
 * @param dropDatabase drop the database when the stack stops (a database of its own)
 */
record StackSetup(
        Options options,
        Path root,
        Map<String, String> env,
        Addresses addresses,
        List<String> jvmFlags,
        Map<String, String> serviceEnvironment,
        @Nullable Path workDir,
        boolean dedicatedRedis,
        boolean givenRedis,
        boolean dropDatabase) {

    StackSetup {
        jvmFlags = List.copyOf(jvmFlags);
        serviceEnvironment = Map.copyOf(serviceEnvironment);
    }

    /** The command line's: ports and JVM flags from the environment ({@link StackSettings}), {@code .local/}. */
    static StackSetup commandLine(Options options, Path root, Map<String, String> env) {
        var settings = StackSettings.fromEnvironment(env);
        return new StackSetup(
                options, root, env, settings.addresses(), settings.jvmFlags(), Map.of(), null, false, false, false);
    }

    /** Whether a person started it from the command line (fixed ports for the embedded servers, Ctrl-C to stop). */
    boolean interactive() {
        return workDir == null;
    }

    /** Where logs and the data of embedded servers go. */
    Path local() {
        return workDir != null ? workDir : root.resolve(".local");
    }

    Path logs() {
        return local().resolve("logs");
    }

    /** The Redis key prefix the services are given, if any. */
    String redisKeyPrefix() {
        return serviceEnvironment.getOrDefault(
                EnvNames.REDIS_KEY_PREFIX, env.getOrDefault(EnvNames.REDIS_KEY_PREFIX, ""));
    }

    /** The service processes to start against these servers. */
    Plan plan(Connections connections, Path java, Map<Service, Path> jars) {
        return Plan.build(
                options,
                connections,
                java,
                service -> Objects.requireNonNull(jars.get(service), () -> "no jar for " + service),
                logs(),
                addresses,
                jvmFlags,
                serviceEnvironment);
    }
}
