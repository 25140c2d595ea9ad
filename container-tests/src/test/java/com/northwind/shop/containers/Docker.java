package com.northwind.shop.containers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The docker CLI, run with a deadline on every call: a stuck engine fails the test instead of hanging CI. */
final class Docker {

    private Docker() {}

    /** The result of one docker command. */
    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    /** Whether an engine answers this CLI. */
    static boolean available() {
        try {
            return run(Duration.ofSeconds(20), Map.of(), List.of("version", "--format", "{{.Server.Version}}"))
                    .ok();
        } catch (IllegalStateException ex) {
            return false;
        }
    }

    /** Runs {@code docker args...}; fails unless it exits 0. */
    static String exec(Duration timeout, String... args) {
        return exec(timeout, Map.of(), List.of(args));
    }

    static String exec(Duration timeout, Map<String, String> env, List<String> args) {
        Result result = run(timeout, env, args);
        if (!result.ok()) {
            throw new IllegalStateException("docker " + String.join(" ", redact(args)) + " exited " + result.exitCode()
                    + ":\n" + tail(result.output()));
        }
        return result.output().strip();
    }

    /** Runs {@code docker args...} and answers whatever it exited with. */
    static Result run(Duration timeout, Map<String, String> env, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add("docker");
        command.addAll(args);
        try {
            Path out = Files.createTempFile("docker-", ".out");
            try {
                ProcessBuilder builder =
                        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
                builder.environment().putAll(env);
                Process process = builder.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(
                            "docker " + String.join(" ", redact(args)) + " did not finish within " + timeout);
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException ex) {
            throw new IllegalStateException("cannot run docker", ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }

    /** Environment values (secrets) never reach an error message. */
    private static List<String> redact(List<String> args) {
        List<String> safe = new ArrayList<>();
        boolean nextIsEnv = false;
        for (String arg : args) {
            safe.add(nextIsEnv ? arg.substring(0, Math.max(0, arg.indexOf('=') + 1)) + "***" : arg);
            nextIsEnv = arg.equals("-e");
        }
        return safe;
    }

    private static String tail(String text) {
        return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
    }
}
