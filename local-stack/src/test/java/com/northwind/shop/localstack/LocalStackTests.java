package com.northwind.shop.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackTests {

    @TempDir
    Path root;

    private LocalStack stack() {
        return new LocalStack(
                Options.parse(List.of()), root, Map.of(), new PrintStream(PrintStream.nullOutputStream()));
    }

    @Test
    void findsEachServicesExecutableJarButNotThePlainOne() throws Exception {
        var target = Files.createDirectories(root.resolve("order-service/target"));
        Files.createFile(target.resolve("order-service-0.1.0-SNAPSHOT-plain.jar"));
        Files.createFile(target.resolve("order-service-0.1.0-SNAPSHOT.jar"));

        assertThat(stack().jars(List.of(Service.ORDER)))
                .containsEntry(Service.ORDER, target.resolve("order-service-0.1.0-SNAPSHOT.jar"));
    }

    @Test
    void namesEveryMissingJarAndHowToBuildIt() {
        assertThatThrownBy(() -> stack().jars(List.of(Service.USER, Service.GATEWAY)))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("no jar for user-service, gateway-service")
                .hasMessageContaining("bin/run-all --build");
    }
}
