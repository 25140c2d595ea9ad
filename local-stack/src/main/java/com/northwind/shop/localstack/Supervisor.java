package com.northwind.shop.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Starts child processes, waits until they are ready, reports any that dies, and stops them all (newest first:
 * SIGTERM to every one, then up to a grace period each, then a kill).
 */
final class Supervisor implements AutoCloseable {

    static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final int TAIL_LINES = 20;

    private final List<ManagedProcess> processes = new CopyOnWriteArrayList<>();
    private final PrintStream out;
    private final Duration stopGrace;
    private volatile boolean closing;
    private volatile Runnable afterDeathReport;

    Supervisor(PrintStream out) {
        this(out, STOP_GRACE);
    }

    /** @param stopGrace how long each process may take to stop after SIGTERM before it is killed */
    Supervisor(PrintStream out, Duration stopGrace) {
        this.out = out;
        this.stopGrace = stopGrace;
        this.afterDeathReport = () -> out.print(StatusTable.render(rows()));
    }

    /** Fails, naming every busy port and who wanted it, before anything is started. */
    static void requireFreePorts(List<ProcessSpec> specs) throws StartupException {
        var busy = specs.stream()
                .filter(spec -> !Ports.free(spec.port()))
                .map(spec -> "port " + spec.port() + " (" + spec.name() + ")")
                .toList();
        if (!busy.isEmpty()) {
            throw new StartupException("already in use by another process: " + String.join(", ", busy)
                    + ". Stop whatever listens there (e.g. `ss -ltnp | grep :PORT`) or start fewer services.");
        }
    }

    /** The process of that name (the newest, if it was restarted). */
    java.util.Optional<ManagedProcess> process(String name) {
        return processes.reversed().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * Stops one process (SIGTERM and the grace period, or at once with SIGKILL) without reporting it as a death; it
     * stays in the list until {@link #restart} replaces it.
     */
    void stop(String name, boolean kill) {
        var process = process(name).orElseThrow(() -> new IllegalArgumentException("no process " + name));
        if (kill) {
            process.kill();
        } else {
            process.stop(stopGrace);
        }
    }

    /** Starts a stopped process again with the same command and environment, and waits until it is ready. */
    ManagedProcess restart(String name, Duration timeout) throws StartupException, InterruptedException {
        var old = process(name).orElseThrow(() -> new IllegalArgumentException("no process " + name));
        if (old.alive()) {
            throw new IllegalStateException(name + " is still running");
        }
        processes.remove(old);
        var fresh = start(old.spec(), true);
        awaitReady(List.of(fresh), timeout);
        return fresh;
    }

    ManagedProcess start(ProcessSpec spec) throws StartupException {
        return start(spec, false);
    }

    private ManagedProcess start(ProcessSpec spec, boolean restart) throws StartupException {
        try {
            var process = ManagedProcess.start(spec, restart, this::reportDeath);
            processes.add(process);
            return process;
        } catch (IOException e) {
            throw new StartupException("cannot start " + spec.name() + ": " + e.getMessage());
        }
    }

    /** Polls until every given process is ready; fails as soon as one dies, or when the time is up. */
    void awaitReady(List<ManagedProcess> starting, Duration timeout) throws StartupException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        var pending = new ArrayList<>(starting);
        while (!pending.isEmpty()) {
            for (var process : List.copyOf(pending)) {
                if (process.state() == ManagedProcess.State.DIED) {
                    throw new StartupException(process.name() + " exited with code " + process.exitCode()
                            + " while starting; see " + process.spec().log());
                }
                if (process.checkReady()) {
                    out.printf(
                            "  ready  %-18s %5.1f s%n",
                            process.name(), process.startupTime().toMillis() / 1000.0);
                    pending.remove(process);
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new StartupException("not ready after " + timeout.toSeconds() + " s: "
                        + String.join(
                                ", ", pending.stream().map(ManagedProcess::name).toList())
                        + "; see their logs in "
                        + pending.getFirst().spec().log().getParent());
            }
            Thread.sleep(POLL);
        }
    }

    private void reportDeath(ManagedProcess process) {
        if (closing) {
            return;
        }
        var report = new StringBuilder()
                .append("\n!! ")
                .append(process.name())
                .append(" (pid ")
                .append(process.pid())
                .append(") exited with code ")
                .append(process.exitCode())
                .append(". Last lines of ")
                .append(process.spec().log())
                .append(":\n");
        process.logTail(TAIL_LINES)
                .forEach(line -> report.append("   | ").append(line).append('\n'));
        out.print(report);
        afterDeathReport.run();
    }

    /** What to show after a death has been reported, e.g. the whole stack's status table. */
    void afterDeathReport(Runnable action) {
        this.afterDeathReport = action;
    }

    /** From now on processes are expected to end: their exits are no longer reported as deaths. */
    void expectExits() {
        closing = true;
    }

    List<ManagedProcess> processes() {
        return List.copyOf(processes);
    }

    List<StatusTable.Row> rows() {
        return processes.stream()
                .map(p -> new StatusTable.Row(
                        p.name(),
                        Long.toString(p.pid()),
                        p.spec().port(),
                        p.state() == ManagedProcess.State.DIED
                                ? "DIED (exit " + p.exitCode() + ")"
                                : p.state().name(),
                        p.spec().log().toString()))
                .toList();
    }

    /** True when every process has ended on its own. */
    boolean allDied() {
        return !processes.isEmpty() && processes.stream().allMatch(p -> p.state() == ManagedProcess.State.DIED);
    }

    /** Stops every process: SIGTERM to all (newest first), then waits for each, killing what outlives the grace. */
    @Override
    public void close() {
        expectExits();
        var newestFirst = processes.reversed();
        newestFirst.forEach(ManagedProcess::requestStop);
        newestFirst.forEach(process -> process.awaitStop(stopGrace));
    }
}
