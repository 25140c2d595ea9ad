package com.northwind.shop.localstack;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the launcher prints besides the progress of each start: the status table of every process (also after a
 * death), and, once the stack is ready, where everything is.
 */
final class StackConsole {

    private final PrintStream out;
    private final Path root;
    private final Infrastructure infrastructure;
    private final Supervisor services;

    StackConsole(PrintStream out, Path root, Infrastructure infrastructure, Supervisor services) {
        this.out = out;
        this.root = root;
        this.infrastructure = infrastructure;
        this.services = services;
    }

    /**
     * The status table, then the gateway's and Swagger UI's addresses ({@code gateway}: null when it does not run),
     * the demo accounts that were created, and how to stop.
     */
    void summary(@Nullable URI gateway, Map<String, DemoData.Outcome> demoOutcomes, boolean interactive) {
        out.println();
        status();
        out.println();
        if (gateway != null) {
            out.println("  Gateway     " + gateway);
            out.println("  Swagger UI  " + gateway + LocalStack.SWAGGER_PATH);
        }
        if (DemoData.done(demoOutcomes, DemoData.ADMIN_STEP)) {
            out.println("  Demo admin     " + DemoData.ADMIN_EMAIL + " / " + DemoData.ADMIN_PASSWORD);
        }
        if (DemoData.done(demoOutcomes, DemoData.CUSTOMER_STEP)) {
            out.println("  Demo customer  " + DemoData.CUSTOMER_EMAIL + " / " + DemoData.CUSTOMER_PASSWORD);
        }
        if (interactive) {
            out.println("\n  Ctrl-C stops everything.");
        }
    }

    /** The status table of every process: PostgreSQL, Redis, the services. */
    void status() {
        var rows = new ArrayList<StatusTable.Row>(infrastructure.rows());
        rows.addAll(services.rows());
        out.print(StatusTable.render(rows.stream().map(this::relative).toList()));
    }

    private StatusTable.Row relative(StatusTable.Row row) {
        String note = row.note().startsWith(root.toString())
                ? root.relativize(Path.of(row.note())).toString()
                : row.note();
        return new StatusTable.Row(row.name(), row.pid(), row.port(), row.state(), note);
    }
}
