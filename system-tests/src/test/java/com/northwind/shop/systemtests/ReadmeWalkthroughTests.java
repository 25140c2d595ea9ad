package com.northwind.shop.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's "first API call" walkthrough, run as it is written there (bash, curl and jq) against the system
 * stack's gateway: only its first line, the gateway's address, is changed. A walkthrough that stops working fails
 * here, not in a new frontend developer's terminal.
 */
@SystemTest
class ReadmeWalkthroughTests {

    private static final String SECTION = "### First API call, step by step (curl)";
    private static final String GATEWAY_LINE = "GW=http://localhost:8080";

    @Test
    void theReadmesFirstApiCallWalkthroughEndsWithAPaidOrder() throws Exception {
        List<String> commands = walkthrough();
        assertThat(commands.getFirst()).isEqualTo(GATEWAY_LINE);
        String last = commands.getLast();
        assertThat(last)
                .as("the walkthrough ends by asking for the order's status")
                .contains("jq .status");
        var script = new StringBuilder("set -o pipefail\n")
                .append("GW=")
                .append(SystemStack.gateway().toString().replaceAll("/$", ""))
                .append('\n');
        commands.subList(1, commands.size()).forEach(line -> script.append(line).append('\n'));
        // The README says the order turns PAID "usually within a second; ask again if not yet": ask again, with the
        // README's own last command, for up to a minute on a busy machine.
        script.append("for attempt in $(seq 60); do STATUS=$(")
                .append(last)
                .append("); [ \"$STATUS\" = '\"PAID\"' ] && break; sleep 1; done\n")
                .append("echo \"final status $STATUS\"\n");

        Process bash = new ProcessBuilder("bash", "-c", script.toString())
                .redirectErrorStream(true)
                .start();
        boolean done = bash.waitFor(3, TimeUnit.MINUTES);
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            bash.destroyForcibly();
        }

        assertThat(done).as(output).isTrue();
        assertThat(output)
                .as("needs bash, curl and jq on PATH")
                .doesNotContain("command not found")
                .contains("\"email\": \"ada@example.com\"")
                .contains("\"SUCCEEDED\"")
                .contains("final status \"PAID\"");
    }

    /** The lines of the README's walkthrough block, comments left out. */
    private static List<String> walkthrough() throws IOException {
        Path root = Path.of(System.getProperty("northwind.repository-root", ".."));
        String readme = Files.readString(root.resolve("README.md"));
        int section = readme.indexOf(SECTION);
        assertThat(section).as("README section " + SECTION).isNotNegative();
        int start = readme.indexOf("```bash\n", section) + "```bash\n".length();
        int end = readme.indexOf("\n```", start);
        String block = readme.substring(start, end).replace("\\\n", " ");
        return block.lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .toList();
    }
}
