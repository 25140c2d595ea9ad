package com.northwind.shop.containers;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services of docker-compose.yml started with the docker CLI, as Compose would start them: one network (every
 * service reachable under its compose name), and each service's image, build, environment, user, read-only root,
 * tmpfs, capabilities, memory limit, health check, command, volumes and published ports taken from the file; a
 * service starts only once what it {@code depends_on} is healthy (or started). Debian's docker-compose 1.29 refuses
 * the file and no Compose v2 exists on CI's machines, hence this reader.
 */
final class ComposeStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ComposeStack.class);
    private static final Duration STARTUP = Duration.ofMinutes(9);
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private final Path repository;
    private final Path workDir;
    private final String project;
    private final Map<String, ComposeFile.Service> services;
    private final Map<String, String> env;
    private final String network;
    private final List<String> started = new ArrayList<>();
    private final Set<String> volumes = new LinkedHashSet<>();
    private final int gatewayPort;

    private ComposeStack(Path repository, Path workDir, String project, Map<String, String> env, int gatewayPort) {
        this.repository = repository;
        this.workDir = workDir;
        this.project = project;
        this.env = env;
        this.gatewayPort = gatewayPort;
        this.network = project + "_net";
        this.services =
                ComposeFile.read(repository.resolve("docker-compose.yml"), env).services();
    }

    /**
     * Reads the compose file with {@code env} plus a free host port for the gateway, builds the images it names
     * and starts every service without a profile.
     */
    static ComposeStack start(Path repository, Path workDir, Map<String, String> dotEnv) {
        String project = "nwct" + Long.toString(System.nanoTime() % 1_000_000, 36);
        int port = freePort();
        Map<String, String> env = new LinkedHashMap<>(dotEnv);
        env.put("GATEWAY_BIND", "127.0.0.1");
        env.put("GATEWAY_PORT", String.valueOf(port));
        ComposeStack stack = new ComposeStack(repository, workDir, project, env, port);
        try {
            stack.buildImages();
            stack.up();
            return stack;
        } catch (RuntimeException | Error ex) {
            stack.close();
            throw ex;
        }
    }

    /** The gateway's published address on this host. */
    String gatewayUrl() {
        return "http://127.0.0.1:" + gatewayPort;
    }

    /** The value the .env gave a variable. */
    String env(String name) {
        return env.getOrDefault(name, "");
    }

    Map<String, ComposeFile.Service> services() {
        return services;
    }

    Path repository() {
        return repository;
    }

    /** A service container's address on the test network, reachable from this host. */
    String address(String service) {
        return Docker.exec(
                Duration.ofSeconds(20),
                "inspect",
                "-f",
                "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}",
                container(service));
    }

    String container(String service) {
        return project + "-" + service;
    }

    /** Runs a command in a service's container; answers its exit code and output. */
    Docker.Result exec(String service, Map<String, String> execEnv, String... command) {
        List<String> args = new ArrayList<>(List.of("exec"));
        execEnv.forEach((k, v) -> args.addAll(List.of("-e", k + "=" + v)));
        args.add(container(service));
        args.addAll(List.of(command));
        return Docker.run(Duration.ofSeconds(60), Map.of(), args);
    }

    /** Stops a service's container the way `docker compose stop` does (SIGTERM, then its grace period). */
    void stop(String service) {
        Docker.exec(Duration.ofSeconds(90), "stop", container(service));
    }

    /**
     * One build per distinct image. The first alone, so its service-independent steps (docker/Dockerfile puts them
     * first) land in the build cache and the others reuse them; then the rest in parallel: under the vfs storage
     * driver every build step copies the whole root filesystem, so the builds wait on the disk more than on the CPU.
     */
    private void buildImages() {
        Map<String, List<String>> builds = new LinkedHashMap<>();
        for (ComposeFile.Service service : services.values()) {
            Map<String, Object> build = service.map("build");
            String image = service.string("image");
            if (build.isEmpty() || image == null || builds.containsKey(image)) {
                continue;
            }
            List<String> args = new ArrayList<>(List.of("build", "-q", "-t", image));
            args.addAll(List.of(
                    "-f",
                    repository
                            .resolve(build.getOrDefault("dockerfile", "Dockerfile")
                                    .toString())
                            .toString()));
            Object buildArgs = build.get("args");
            if (buildArgs instanceof Map<?, ?> map) {
                map.forEach((k, v) -> args.addAll(List.of("--build-arg", k + "=" + v)));
            }
            args.add(repository
                    .resolve(build.getOrDefault("context", ".").toString())
                    .normalize()
                    .toString());
            builds.put(image, args);
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> running = new ArrayList<>();
            boolean first = true;
            for (Map.Entry<String, List<String>> build : builds.entrySet()) {
                Future<?> started = pool.submit(() -> buildImage(build.getKey(), build.getValue()));
                if (first) {
                    started.get();
                    first = false;
                } else {
                    running.add(started);
                }
            }
            for (Future<?> build : running) {
                build.get();
            }
        } catch (ExecutionException ex) {
            throw ex.getCause() instanceof RuntimeException r ? r : new IllegalStateException(ex.getCause());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void buildImage(String image, List<String> args) {
        Instant begin = Instant.now();
        // The classic builder: BuildKit would fetch its Dockerfile frontend from Docker Hub.
        Docker.exec(Duration.ofMinutes(30), Map.of("DOCKER_BUILDKIT", "0"), args);
        log.info(
                "built {} in {} s",
                image,
                Duration.between(begin, Instant.now()).toSeconds());
    }

    private void up() {
        Docker.exec(Duration.ofSeconds(30), "network", "create", network);
        Set<String> pending = new LinkedHashSet<>(services.keySet());
        Instant deadline = Instant.now().plus(STARTUP);
        while (!pending.isEmpty()) {
            boolean progressed = false;
            for (String name : List.copyOf(pending)) {
                ComposeFile.Service service = services.get(name);
                if (service.dependsOn().entrySet().stream().allMatch(dep -> satisfied(dep.getKey(), dep.getValue()))) {
                    run(service);
                    pending.remove(name);
                    progressed = true;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("not started within " + STARTUP + ": " + pending + "; " + states());
            }
            if (!progressed) {
                pause(Duration.ofSeconds(1));
            }
        }
        for (String name : services.keySet()) {
            awaitHealthy(name, deadline);
        }
    }

    private boolean satisfied(String dependency, String condition) {
        if (!started.contains(container(dependency))) {
            return false;
        }
        String state = state(dependency);
        if (state.startsWith("exited") || state.startsWith("dead")) {
            if (condition.equals("service_completed_successfully") && state.equals("exited 0")) {
                return true;
            }
            throw new IllegalStateException(dependency + " stopped (" + state + "):\n" + logs(dependency, 60));
        }
        return switch (condition) {
            case "service_healthy" -> state.endsWith("healthy") && !state.endsWith("unhealthy");
            case "service_started" -> state.startsWith("running");
            default -> false;
        };
    }

    private void awaitHealthy(String name, Instant deadline) {
        while (!satisfied(
                name,
                services.get(name).definition().containsKey("healthcheck") || hasImageHealthcheck(name)
                        ? "service_healthy"
                        : "service_started")) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(name + " not healthy in time: " + state(name) + "\n" + logs(name, 80));
            }
            pause(Duration.ofSeconds(1));
        }
    }

    private boolean hasImageHealthcheck(String name) {
        return !Docker.exec(
                        Duration.ofSeconds(20),
                        "inspect",
                        "-f",
                        "{{if .Config.Healthcheck}}yes{{end}}",
                        container(name))
                .isEmpty();
    }

    /** "running healthy", "running starting", "running", "exited 1"... */
    String state(String service) {
        return Docker.exec(
                        Duration.ofSeconds(20),
                        "inspect",
                        "-f",
                        "{{.State.Status}}{{if eq .State.Status \"exited\"}} {{.State.ExitCode}}{{end}}"
                                + "{{if .State.Health}} {{.State.Health.Status}}{{end}}",
                        container(service))
                .strip();
    }

    private String states() {
        StringBuilder out = new StringBuilder();
        for (String name : services.keySet()) {
            if (started.contains(container(name))) {
                out.append(name).append('=').append(state(name)).append(' ');
            }
        }
        return out.toString();
    }

    String logs(String service, int lines) {
        return Docker.run(
                        Duration.ofSeconds(30),
                        Map.of(),
                        List.of("logs", "--tail", String.valueOf(lines), container(service)))
                .output();
    }

    private void run(ComposeFile.Service service) {
        String name = service.name();
        List<String> args = new ArrayList<>(List.of("run", "-d", "--name", container(name), "--hostname", name));
        args.addAll(List.of("--network", network, "--network-alias", name));
        args.addAll(List.of("--label", "org.northwind.container-test=" + project));
        service.environment().forEach((k, v) -> args.addAll(List.of("-e", k + "=" + v)));
        if (service.string("user") != null) {
            args.addAll(List.of("--user", service.string("user")));
        }
        if (service.flag("read_only")) {
            args.add("--read-only");
        }
        service.list("tmpfs").forEach(t -> args.addAll(List.of("--tmpfs", t)));
        service.list("security_opt").forEach(o -> args.addAll(List.of("--security-opt", o)));
        service.list("cap_drop").forEach(c -> args.addAll(List.of("--cap-drop", c)));
        if (service.string("mem_limit") != null) {
            args.addAll(List.of("--memory", service.string("mem_limit")));
        }
        if (service.string("shm_size") != null) {
            args.addAll(List.of("--shm-size", service.string("shm_size")));
        }
        if (service.string("restart") != null) {
            args.addAll(List.of("--restart", service.string("restart")));
        }
        if (service.string("stop_grace_period") != null) {
            args.addAll(List.of(
                    "--stop-timeout",
                    String.valueOf(duration(service.string("stop_grace_period")).toSeconds())));
        }
        Map<String, Object> logging = service.map("logging");
        if (logging.get("driver") != null) {
            args.addAll(List.of("--log-driver", logging.get("driver").toString()));
        }
        if (logging.get("options") instanceof Map<?, ?> options) {
            options.forEach((k, v) -> args.addAll(List.of("--log-opt", k + "=" + v)));
        }
        healthcheck(service.map("healthcheck"), args);
        for (String volume : service.list("volumes")) {
            String[] parts = volume.split(":", 3);
            String source = parts[0];
            if (source.startsWith(".") || source.startsWith("/")) {
                source = repository.resolve(source).normalize().toString();
            } else {
                source = project + "_" + source;
                if (volumes.add(source)) {
                    Docker.exec(
                            Duration.ofSeconds(30),
                            "volume",
                            "create",
                            "--label",
                            "org.northwind.container-test=" + project,
                            source);
                }
            }
            args.addAll(List.of("-v", source + ":" + parts[1] + (parts.length > 2 ? ":" + parts[2] : "")));
        }
        service.list("ports").forEach(p -> args.addAll(List.of("-p", p)));
        args.add(service.string("image"));
        args.addAll(service.list("command"));
        started.add(container(name));
        Docker.exec(Duration.ofSeconds(60), Map.of(), args);
        log.info("started {}", name);
    }

    private static void healthcheck(Map<String, Object> healthcheck, List<String> args) {
        if (healthcheck.isEmpty()) {
            return;
        }
        Object test = healthcheck.get("test");
        List<String> parts = new ArrayList<>();
        if (test instanceof List<?> list) {
            list.forEach(item -> parts.add(item.toString()));
        } else if (test != null) {
            parts.addAll(List.of("CMD-SHELL", test.toString()));
        }
        if (!parts.isEmpty()) {
            String kind = parts.getFirst();
            List<String> rest = parts.subList(1, parts.size());
            if (kind.equals("NONE")) {
                args.add("--no-healthcheck");
                return;
            }
            // --health-cmd is always run by the image's shell; CMD's arguments are quoted for it.
            String command = kind.equals("CMD-SHELL")
                    ? String.join(" ", rest)
                    : String.join(
                            " ",
                            rest.stream()
                                    .map(a -> "'" + a.replace("'", "'\\''") + "'")
                                    .toList());
            args.addAll(List.of("--health-cmd", command));
        }
        Map<String, String> flags = Map.of(
                "interval",
                "--health-interval",
                "timeout",
                "--health-timeout",
                "start_period",
                "--health-start-period");
        flags.forEach((key, flag) -> {
            if (healthcheck.get(key) != null) {
                args.addAll(
                        List.of(flag, duration(healthcheck.get(key).toString()).toSeconds() + "s"));
            }
        });
        if (healthcheck.get("retries") != null) {
            args.addAll(List.of("--health-retries", healthcheck.get("retries").toString()));
        }
    }

    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text);
        Duration total = Duration.ZERO;
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(
                    switch (m.group(2)) {
                        case "ms" -> Duration.ofMillis(n);
                        case "s" -> Duration.ofSeconds(n);
                        case "m" -> Duration.ofMinutes(n);
                        default -> Duration.ofHours(n);
                    });
        }
        return total;
    }

    /** Saves every container's log under the work dir, then removes containers, network and volumes. */
    @Override
    public void close() {
        try {
            Files.createDirectories(workDir);
        } catch (IOException ex) {
            log.warn("cannot create {}", workDir, ex);
        }
        for (String name : services.keySet()) {
            if (started.contains(container(name))) {
                try {
                    Files.writeString(workDir.resolve(name + ".log"), logs(name, 5000));
                } catch (IOException | RuntimeException ex) {
                    log.warn("cannot save the log of {}", name, ex);
                }
            }
        }
        if (!started.isEmpty()) {
            List<String> rm = new ArrayList<>(List.of("rm", "-f", "-v"));
            rm.addAll(started);
            Docker.run(Duration.ofMinutes(2), Map.of(), rm);
        }
        Docker.run(Duration.ofSeconds(30), Map.of(), List.of("network", "rm", network));
        for (String volume : volumes) {
            Docker.run(Duration.ofSeconds(30), Map.of(), List.of("volume", "rm", "-f", volume));
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
