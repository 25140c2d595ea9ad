package com.northwind.shop.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local Redis fallback, started as a real child process and stopped again. */
class RedisTests {

    @TempDir
    Path dir;

    @Test
    void fallsBackToALocalServerThatAnswersPingAndStopsCleanly() throws Exception {
        int unreachable = Ports.anyFree();
        int port = Ports.anyFree();
        var redis = Redis.configuredOrLocal(
                Map.of(EnvNames.REDIS_PORT, Integer.toString(unreachable)), dir.resolve("redis"), dir, port);

        assertThat(redis.process()).isNotNull();
        assertThat(redis.port()).isEqualTo(port);
        try (var supervisor = new Supervisor(new PrintStream(PrintStream.nullOutputStream()), Duration.ofSeconds(10))) {
            var process = supervisor.start(redis.process());
            supervisor.awaitReady(List.of(process), Duration.ofSeconds(20));

            assertThat(Probe.redis("localhost", port).ready()).isTrue();
            supervisor.close();
            assertThat(process.alive()).isFalse();
        }
        assertThat(Probe.redis("localhost", port).ready()).isFalse();
    }

    @Test
    void theBundledBinaryForThisMachineIsExtractedOnceAndExecutable() {
        var binary = Redis.bundled(dir.resolve("bin"));

        assertThat(binary).isExecutable();
        assertThat(Redis.bundled(dir.resolve("bin"))).isEqualTo(binary);
    }

    @Test
    void picksTheBundledBinaryByOsAndCpu() {
        assertThat(Redis.bundledResourceName("Linux", "amd64")).isEqualTo("redis-server-6.2.6-v5-linux-amd64");
        assertThat(Redis.bundledResourceName("Linux", "aarch64")).isEqualTo("redis-server-6.2.7-linux-arm64");
        assertThat(Redis.bundledResourceName("Mac OS X", "aarch64")).isEqualTo("redis-server-6.2.6-v5-darwin-arm64");
    }

    @Test
    void theBundledBinaryRunsWhenNoRedisIsInstalled() throws Exception {
        int port = Ports.anyFree();
        var binary = Redis.bundled(dir.resolve("bin"));
        var spec = Redis.local(dir.resolve("redis"), dir, port, binary).process();

        try (var supervisor = new Supervisor(new PrintStream(PrintStream.nullOutputStream()), Duration.ofSeconds(10))) {
            supervisor.awaitReady(List.of(supervisor.start(spec)), Duration.ofSeconds(20));
            assertThat(Probe.redis("localhost", port).ready()).isTrue();
        }
        assertThat(Files.readString(dir.resolve("redis.log"))).contains("Ready to accept connections");
    }
}
