package com.northwind.shop.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child JVMs ({@link TinyService}), started, waited for, watched and stopped by the supervisor. */
class SupervisorTests {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final Supervisor supervisor =
            new Supervisor(new PrintStream(console, true, StandardCharsets.UTF_8), Duration.ofSeconds(10));

    @AfterEach
    void stopEverything() {
        supervisor.close();
    }

    private ProcessSpec tiny(String name, String behaviour, Map<String, String> extraEnv) {
        int port = Ports.anyFree();
        var env = new HashMap<>(extraEnv);
        env.put("PORT", Integer.toString(port));
        env.put("BEHAVIOUR", behaviour);
        String java = ProcessHandle.current().info().command().orElseThrow();
        var command =
                List.of(java, "-Xmx32m", "-cp", System.getProperty("java.class.path"), TinyService.class.getName());
        var readiness = URI.create("http://localhost:" + port + Plan.READINESS_PATH);
        return new ProcessSpec(name, command, env, port, Probe.http(readiness), dir.resolve(name + ".log"));
    }

    @Test
    void startsAChildWaitsForReadinessAndStopsItWithSigterm() throws Exception {
        var marker = dir.resolve("stopped");
        var process = supervisor.start(
                tiny("tiny", "serve", Map.of("READY_AFTER_MS", "300", "STOP_MARKER", marker.toString())));

        supervisor.awaitReady(List.of(process), Duration.ofSeconds(30));

        assertThat(process.state()).isEqualTo(ManagedProcess.State.READY);
        assertThat(supervisor.rows()).singleElement().satisfies(row -> {
            assertThat(row.pid()).isEqualTo(Long.toString(process.pid()));
            assertThat(row.state()).isEqualTo("READY");
        });
        assertThat(Files.readString(process.spec().log())).contains("tiny service listening");

        supervisor.close();

        assertThat(process.alive()).isFalse();
        assertThat(process.state()).isEqualTo(ManagedProcess.State.STOPPED);
        assertThat(marker).content().isEqualTo("stopped after SIGTERM"); // its shutdown hook ran: no kill
    }

    @Test
    void aKilledChildIsNotReportedAsADeathAndRestartsWithTheSameSpec() throws Exception {
        var first = supervisor.start(tiny("tiny", "serve", Map.of()));
        supervisor.awaitReady(List.of(first), Duration.ofSeconds(30));

        supervisor.stop("tiny", true);

        assertThat(first.alive()).isFalse();
        assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain("exited with code");

        var second = supervisor.restart("tiny", Duration.ofSeconds(30));

        assertThat(second.pid()).isNotEqualTo(first.pid());
        assertThat(second.state()).isEqualTo(ManagedProcess.State.READY);
        assertThat(second.spec()).isEqualTo(first.spec());
        assertThat(supervisor.process("tiny")).containsSame(second);
        assertThat(supervisor.processes()).containsExactly(second);
    }

    @Test
    void aRestartKeepsWhatTheStoppedProcessLoggedAndAFreshStartKeepsTheLastRunAsDotOne() throws Exception {
        var spec = tiny("tiny", "serve", Map.of());
        Files.writeString(spec.log(), "an earlier run\n");

        var first = supervisor.start(spec);
        supervisor.awaitReady(List.of(first), Duration.ofSeconds(30));
        assertThat(dir.resolve("tiny.log.1")).content().isEqualTo("an earlier run\n");
        assertThat(Files.readString(spec.log())).doesNotContain("an earlier run");

        supervisor.stop("tiny", true);
        var firstRun = Files.readString(spec.log());
        assertThat(firstRun).contains("tiny service listening");

        var second = supervisor.restart("tiny", Duration.ofSeconds(30));

        var both = Files.readString(second.spec().log());
        assertThat(both).startsWith(firstRun).contains("==== tiny restarted at ");
        assertThat(both.substring(firstRun.length())).contains("tiny service listening");
    }

    @Test
    void aChildThatDiesWhileStartingFailsTheStartNamingItsExitCode() throws Exception {
        var process = supervisor.start(tiny("crasher", "crash", Map.of()));

        assertThatThrownBy(() -> supervisor.awaitReady(List.of(process), Duration.ofSeconds(30)))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("crasher exited with code 3 while starting")
                .hasMessageContaining("crasher.log");
    }

    @Test
    void aChildThatDiesLaterIsReportedWithTheEndOfItsLog() throws Exception {
        var process = supervisor.start(tiny("victim", "serve", Map.of()));
        supervisor.awaitReady(List.of(process), Duration.ofSeconds(30));

        ProcessHandle.of(process.pid()).orElseThrow().destroyForcibly();
        for (int i = 0; i < 100 && process.state() != ManagedProcess.State.DIED; i++) {
            Thread.sleep(50);
        }
        Thread.sleep(200); // the report is printed right after the state changes

        assertThat(process.state()).isEqualTo(ManagedProcess.State.DIED);
        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains("!! victim (pid " + process.pid() + ") exited with code 137")
                .contains("| tiny service listening")
                .contains("DIED (exit 137)");
    }

    @Test
    void aChildThatNeverBecomesReadyTimesOut() throws Exception {
        var process = supervisor.start(tiny("sleepy", "never-ready", Map.of()));

        assertThatThrownBy(() -> supervisor.awaitReady(List.of(process), Duration.ofSeconds(3)))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("not ready after 3 s: sleepy");
    }

    @Test
    void aChildThatIgnoresSigtermIsKilledAfterTheGracePeriod() throws Exception {
        var impatient = new Supervisor(new PrintStream(console, true, StandardCharsets.UTF_8), Duration.ofSeconds(2));
        var process = impatient.start(tiny("stubborn", "stubborn", Map.of()));
        impatient.awaitReady(List.of(process), Duration.ofSeconds(30));

        long start = System.nanoTime();
        impatient.close();

        assertThat(process.alive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isBetween(Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    @Test
    void refusesToStartWhenAPortIsTakenNamingPortAndProcess() throws Exception {
        try (var taken = new ServerSocket(0)) {
            var spec = tiny("gateway-service", "serve", Map.of());
            var clash = new ProcessSpec(
                    spec.name(), spec.command(), spec.environment(), taken.getLocalPort(), spec.probe(), spec.log());

            assertThatThrownBy(() -> Supervisor.requireFreePorts(List.of(clash)))
                    .isInstanceOf(StartupException.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " (gateway-service)");
        }
    }
}
