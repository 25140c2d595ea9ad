package com.northwind.shop.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackConsoleTests {

    @TempDir
    Path root;

    final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void summarySaysWhereTheGatewayIsWhichDemoAccountsExistAndHowToStop() {
        console()
                .summary(
                        URI.create("http://localhost:8080"),
                        Map.of(
                                DemoData.ADMIN_STEP, DemoData.Outcome.done("created"),
                                DemoData.CUSTOMER_STEP, DemoData.Outcome.failed("409")),
                        true);

        assertThat(text())
                .contains("  Gateway     http://localhost:8080")
                .contains("  Swagger UI  http://localhost:8080" + LocalStack.SWAGGER_PATH)
                .contains("  Demo admin     " + DemoData.ADMIN_EMAIL)
                .doesNotContain("Demo customer")
                .contains("Ctrl-C stops everything.");
    }

    @Test
    void summaryOfAStackStartedFromCodeWithoutGatewayNamesNeither() {
        console().summary(null, Map.of(), false);

        assertThat(text()).doesNotContain("Gateway").doesNotContain("Swagger").doesNotContain("Ctrl-C");
        assertThat(text()).contains("process"); // the status table's header
    }

    private StackConsole console() {
        var setup = new StackSetup(
                Options.parse(List.of()),
                root,
                Map.of(),
                Addresses.fixed(),
                Plan.JVM_FLAGS,
                Map.of(),
                null,
                false,
                false,
                false);
        return new StackConsole(out, root, new Infrastructure(setup, out), new Supervisor(out));
    }

    private String text() {
        return printed.toString(StandardCharsets.UTF_8);
    }
}
