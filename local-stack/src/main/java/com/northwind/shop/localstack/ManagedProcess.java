package com.northwind.shop.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A child process the launcher started: its log file, its state, and a clean stop (SIGTERM, wait, then kill).
 * Nothing here is mocked in tests: they start real child JVMs.
 */
final class ManagedProcess {

    enum State {
        STARTING,
        READY,
        STOPPING,
        STOPPED,
        /** Ended on its own (crashed or exited) while it should have been running. */
        DIED
    }

    /** Linux's {@code setsid}, absent elsewhere. */
    private static final Optional<Path> SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid")
            .map(Path::of)
            .filter(Files::isExecutable)
            .findFirst();

    private final ProcessSpec spec;
    private final Process process;
    private final long startedAt = System.nanoTime();
    private volatile State state = State.STARTING;
    private volatile Duration startupTime = Duration.ZERO;

    private ManagedProcess(ProcessSpec spec, Process process) {
        this.spec = spec;
        this.process = process;
    }

    /**
     * Starts the process with its output (stdout and stderr) going to its log file. A first start moves the log of
     * an earlier run to {@code <log>.1}; a restart appends after a marker line, so that what a process wrote before
     * it was stopped or killed is still there to read when a fault test fails.
     *
     * @param restart whether this is a restart of a process already started once by this launcher
     * @param onDeath called once if the process ends while it should be running
     */
    static ManagedProcess start(ProcessSpec spec, boolean restart, Consumer<ManagedProcess> onDeath)
            throws IOException {
        Path log = spec.log();
        Files.createDirectories(log.toAbsolutePath().getParent());
        if (restart) {
            Files.writeString(
                    log,
                    "%n==== %s restarted at %s ====%n".formatted(spec.name(), Instant.now()),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } else if (Files.exists(log)) {
            Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
        var builder = new ProcessBuilder(withOwnSession(spec.command()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(spec.environment());
        var managed = new ManagedProcess(spec, builder.start());
        managed.process.getOutputStream().close(); // no input: a child reading stdin sees its end
        managed.process.onExit().thenRun(() -> {
            if (managed.state == State.STARTING || managed.state == State.READY) {
                managed.state = State.DIED;
                onDeath.accept(managed);
            }
        });
        return managed;
    }

    /**
     * Runs the command in a session of its own where {@code setsid} exists (Linux), so that Ctrl-C in the terminal
     * reaches only the launcher, which then stops the children in order, instead of every process at once.
     * {@code setsid} execs the command, so the pid stays the child's own.
     */
    static List<String> withOwnSession(List<String> command) {
        if (SETSID.isEmpty()) {
            return command;
        }
        var wrapped = new ArrayList<String>();
        wrapped.add(SETSID.get().toString());
        wrapped.addAll(command);
        return wrapped;
    }

    /** Asks the probe once; marks the process ready when it answers. */
    boolean checkReady() {
        if (state == State.READY) {
            return true;
        }
        if (state == State.STARTING && spec.probe().ready()) {
            startupTime = Duration.ofNanos(System.nanoTime() - startedAt);
            state = State.READY;
            return true;
        }
        return false;
    }

    /** Sends SIGTERM (no-op if it already ended). Use {@link #awaitStop} to wait for it. */
    void requestStop() {
        if (state == State.STARTING || state == State.READY) {
            state = State.STOPPING;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    /** Waits up to {@code grace} for the process to end after {@link #requestStop}, then kills it. */
    void awaitStop(Duration grace) {
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        if (state != State.DIED) {
            state = State.STOPPED;
        }
    }

    /** SIGKILL at once, as a crash would end it; waits until it is gone. */
    void kill() {
        if (state == State.STARTING || state == State.READY) {
            state = State.STOPPING;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (state != State.DIED) {
            state = State.STOPPED;
        }
    }

    void stop(Duration grace) {
        requestStop();
        awaitStop(grace);
    }

    /** The last lines of the log, to show why a process died. */
    List<String> logTail(int lines) {
        try {
            var all = Files.readAllLines(spec.log());
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException | RuntimeException e) {
            return List.of("(cannot read " + spec.log() + ": " + e.getMessage() + ")");
        }
    }

    String name() {
        return spec.name();
    }

    ProcessSpec spec() {
        return spec;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    State state() {
        return state;
    }

    Duration startupTime() {
        return startupTime;
    }

    /** Exit code, or -1 while it runs. */
    int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }
}
