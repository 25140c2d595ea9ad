package com.northwind.shop.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceJarsTests {

    @TempDir
    Path root;

    @Test
    void findsEachServicesExecutableJarButNotThePlainOne() throws Exception {
        var target = Files.createDirectories(root.resolve("order-service/target"));
        Files.createFile(target.resolve("order-service-0.1.0-SNAPSHOT-plain.jar"));
        Files.createFile(target.resolve("order-service-0.1.0-SNAPSHOT.jar"));

        assertThat(ServiceJars.find(root, List.of(Service.ORDER)))
                .containsEntry(Service.ORDER, target.resolve("order-service-0.1.0-SNAPSHOT.jar"));
    }

    @Test
    void namesEveryMissingJarAndHowToBuildIt() {
        assertThatThrownBy(() -> ServiceJars.find(root, List.of(Service.USER, Service.GATEWAY)))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("no jar for user-service, gateway-service")
                .hasMessageContaining("bin/run-all --build");
    }
}
