package com.northwind.shop.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Redis for the stack: the configured server ({@code REDIS_HOST}/{@code REDIS_PORT}, default localhost:6379) when
 * it answers, else a {@code redis-server} child process on its own port with its data in a local folder. The binary
 * is the one on {@code PATH}, else the one bundled in the {@code embedded-redis} artifact.
 *
 * @param host where the services find Redis
 * @param port its port
 * @param process the local server to start, absent when the configured one is used
 */
record Redis(String host, int port, @Nullable ProcessSpec process) {

    static final String DEFAULT_HOST = "localhost";
    static final int DEFAULT_PORT = 6379;
    static final int LOCAL_PORT = 16379;
    static final String PROCESS_NAME = "redis";

    static Redis configuredOrLocal(Map<String, String> env, Path dir, Path logs, int localPort) throws IOException {
        String host = env.getOrDefault(EnvNames.REDIS_HOST, DEFAULT_HOST);
        int port = Integer.parseInt(env.getOrDefault(EnvNames.REDIS_PORT, Integer.toString(DEFAULT_PORT)));
        if (Probe.redis(host, port).ready()) {
            return new Redis(host, port, null);
        }
        return local(dir, logs, localPort);
    }

    /** A local server with the {@code redis-server} on PATH, else the bundled one. */
    static Redis local(Path dir, Path logs, int port) throws IOException {
        return local(dir, logs, port, onPath().orElseGet(() -> bundled(dir.resolve("bin"))));
    }

    static Redis local(Path dir, Path logs, int port, Path binary) throws IOException {
        Files.createDirectories(dir);
        var command = List.of(
                binary.toString(),
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--dir",
                dir.toAbsolutePath().toString(),
                "--save",
                "60 1",
                "--appendonly",
                "no",
                "--daemonize",
                "no");
        var spec = new ProcessSpec(
                PROCESS_NAME,
                command,
                Map.of(),
                port,
                Probe.redis("localhost", port),
                logs.resolve(PROCESS_NAME + ".log"));
        return new Redis("localhost", port, spec);
    }

    static Optional<Path> onPath() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(java.io.File.pathSeparator))
                .filter(s -> !s.isBlank())
                .map(folder -> Path.of(folder, "redis-server"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Copies the bundled binary for this OS and CPU out of the classpath, once. */
    static Path bundled(Path binDir) {
        String resource = bundledResourceName(System.getProperty("os.name"), System.getProperty("os.arch"));
        var target = binDir.resolve(resource);
        if (Files.isExecutable(target)) {
            return target;
        }
        try (InputStream in = Redis.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no bundled redis-server " + resource + "; install Redis");
            }
            Files.createDirectories(binDir);
            var partial = binDir.resolve(resource + ".part");
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            if (!partial.toFile().setExecutable(true, true)) {
                throw new IllegalStateException("cannot make " + partial + " executable");
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new IllegalStateException("cannot extract the bundled redis-server to " + binDir, e);
        }
    }

    static String bundledResourceName(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        boolean arm = osArch.equals("aarch64") || osArch.equals("arm64");
        if (os.contains("linux")) {
            return arm ? "redis-server-6.2.7-linux-arm64" : "redis-server-6.2.6-v5-linux-amd64";
        }
        if (os.contains("mac")) {
            return arm ? "redis-server-6.2.6-v5-darwin-arm64" : "redis-server-6.2.6-v5-darwin-amd64";
        }
        throw new IllegalStateException("no bundled redis-server for " + osName + "/" + osArch + "; install Redis");
    }
}
