package com.northwind.shop.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL and Redis of a stack: the configured servers when they answer, else an embedded PostgreSQL and a local
 * {@code redis-server} (or those the {@link StackSetup} asks for), started before the services and stopped after them.
 */
final class Infrastructure {

    private final StackSetup setup;
    private final PrintStream out;
    /** The {@code redis-server} this stack started, if it did. */
    private final Supervisor processes;

    private @Nullable Postgres postgres;
    private @Nullable Redis redis;

    Infrastructure(StackSetup setup, PrintStream out) {
        this.setup = setup;
        this.out = out;
        this.processes = new Supervisor(out);
    }

    /** The processes this stack started for its infrastructure ({@code redis}, when it started one). */
    Supervisor processes() {
        return processes;
    }

    /** Finds or starts PostgreSQL, then Redis, and returns once both answer. */
    Connections start() throws IOException, SQLException, StartupException, InterruptedException {
        Postgres db = startPostgres();
        Redis server = startRedis();
        return db.connections(server.host(), server.port());
    }

    private Postgres startPostgres() throws IOException, SQLException {
        var dataDir = setup.local().resolve("postgres");
        int embeddedPort = setup.interactive() ? Postgres.EMBEDDED_PORT : Ports.anyFree();
        var db =
                Postgres.configuredOrEmbedded(setup.env(), dataDir, setup.logs().resolve("postgres.log"), embeddedPort);
        postgres = db;
        out.println(
                db.isEmbedded()
                        ? "  ready  postgres           embedded on :" + db.port() + ", data in "
                                + setup.root().relativize(dataDir) + " (none answered at the configured address)"
                        : "  ready  postgres           configured server " + db.url());
        return db;
    }

    private Redis startRedis() throws IOException, StartupException, InterruptedException {
        var dir = setup.local().resolve("redis");
        Redis server;
        if (setup.givenRedis()) {
            server = new Redis(
                    setup.env().getOrDefault(EnvNames.REDIS_HOST, Redis.DEFAULT_HOST),
                    Integer.parseInt(setup.env().getOrDefault(EnvNames.REDIS_PORT, "")),
                    null);
        } else {
            server = setup.dedicatedRedis()
                    ? Redis.local(dir, setup.logs(), Ports.anyFree())
                    : Redis.configuredOrLocal(setup.env(), dir, setup.logs(), Redis.LOCAL_PORT);
        }
        redis = server;
        ProcessSpec local = server.process();
        if (local == null) {
            out.println("  ready  redis              configured server " + server.host() + ":" + server.port());
            return server;
        }
        out.println("  start  redis              " + local.command().getFirst() + " on :" + server.port()
                + ", data in " + setup.root().relativize(dir)
                + (setup.dedicatedRedis() ? " (a server of its own)" : " (none answered at the configured address)"));
        Supervisor.requireFreePorts(List.of(local));
        var process = processes.start(local);
        processes.awaitReady(List.of(process), Duration.ofSeconds(20));
        return server;
    }

    /** Whether anything was found or started (else there is nothing to stop). */
    boolean started() {
        return postgres != null || !processes.processes().isEmpty();
    }

    /** The database the services use. */
    LocalStack.Database database() {
        var db = Objects.requireNonNull(postgres, "not started");
        return new LocalStack.Database(db.url(), db.username(), db.password());
    }

    /** The Redis the services use. */
    Redis redis() {
        return Objects.requireNonNull(redis, "not started");
    }

    /** The status rows of PostgreSQL and Redis, external or started here. */
    List<StatusTable.Row> rows() {
        var rows = new ArrayList<StatusTable.Row>();
        Postgres db = postgres;
        if (db != null) {
            rows.add(new StatusTable.Row(
                    "postgres",
                    db.pid().map(String::valueOf).orElse("-"),
                    db.port(),
                    db.isEmbedded() ? "READY" : "external",
                    db.isEmbedded()
                            ? "embedded, "
                                    + setup.root().relativize(setup.logs().resolve("postgres.log"))
                            : db.url()));
        }
        Redis server = redis;
        if (server != null && server.process() == null) {
            rows.add(new StatusTable.Row("redis", "-", server.port(), "external", server.host() + ":" + server.port()));
        }
        rows.addAll(processes.rows());
        return rows;
    }

    /** Stops Redis if it was started here, then PostgreSQL if embedded (dropping the stack's own database first). */
    void close() {
        processes.close();
        Postgres db = postgres;
        if (db == null) {
            return;
        }
        if (setup.dropDatabase()) {
            try {
                db.dropDatabase();
            } catch (SQLException e) {
                out.println("  could not drop the database " + db.url() + ": " + e.getMessage());
            }
        }
        try {
            db.close();
        } catch (IOException e) {
            out.println("  postgres did not stop cleanly: " + e.getMessage());
        }
        postgres = null;
    }
}
