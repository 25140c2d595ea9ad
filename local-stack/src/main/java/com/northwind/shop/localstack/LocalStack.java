package com.northwind.shop.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The one-command local stack (this project's AppHost): PostgreSQL and Redis, configured or embedded, then every
 * service as its own JVM on the JDK this launcher runs on; waits for readiness, loads demo data, prints where
 * everything is, and stops it all on Ctrl-C. Run from the repository root, normally through {@code bin/run-all}.
 */
public final class LocalStack implements AutoCloseable {

    /** Generous: six JVMs starting at once on two busy cores can take minutes; a laptop takes about 30 s. */
    static final Duration READY_TIMEOUT = Duration.ofMinutes(10);

    private final Options options;
    private final StackSettings settings;
    private final Path root;
    private final Map<String, String> env;
    private final PrintStream out;
    private final Supervisor infrastructure;
    private final Supervisor services;
    private @Nullable Postgres postgres;
    private @Nullable Redis redis;
    private final CountDownLatch everythingDied = new CountDownLatch(1);
    private boolean closed;
    private Map<String, DemoData.Outcome> demoOutcomes = Map.of();

    LocalStack(Options options, Path root, Map<String, String> env, PrintStream out) {
        this.options = options;
        this.settings = StackSettings.fromEnvironment(env);
        this.root = root;
        this.env = env;
        this.out = out;
        this.infrastructure = new Supervisor(out);
        this.services = new Supervisor(out);
        infrastructure.afterDeathReport(this::printStatus);
        services.afterDeathReport(this::printStatus);
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(Options.USAGE);
            return;
        }
        LocalStack stack;
        try {
            stack = new LocalStack(options, Path.of("").toAbsolutePath(), System.getenv(), System.out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-stop"));
        try {
            stack.start();
        } catch (Supervisor.StartupException | IOException | java.sql.SQLException | RuntimeException e) {
            System.err.println("\nLocal stack failed to start: " + e.getMessage());
            System.exit(1); // the shutdown hook stops whatever did start
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        }
        stack.awaitEnd();
        System.err.println("Every service process has exited; stopping.");
        System.exit(1);
    }

    Path local() {
        return root.resolve(".local");
    }

    Path logs() {
        return local().resolve("logs");
    }

    /** Starts everything and returns once it is ready and the demo data is loaded. */
    void start() throws Supervisor.StartupException, IOException, java.sql.SQLException, InterruptedException {
        var java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        var jars = jars(Plan.select(options));
        // Ports first, so a busy one fails fast and clearly; the connections are not known yet, so use defaults.
        var unconnected = new Connections(Postgres.DEFAULT_URL, "", "", Redis.DEFAULT_HOST, Redis.DEFAULT_PORT);
        Supervisor.requireFreePorts(Plan.build(options, settings, unconnected, java, jars::get, logs())
                .processes());

        out.println("Northwind Shop local stack (JDK " + Runtime.version().feature() + ": " + java + ")");
        startPostgres();
        startRedis();
        var plan = Plan.build(
                options, settings, postgres.connections(redis.host(), redis.port()), java, jars::get, logs());
        var started = new ArrayList<ManagedProcess>();
        for (var spec : plan.processes()) {
            started.add(services.start(spec));
        }
        out.println("  started "
                + String.join(", ", started.stream().map(ManagedProcess::name).toList()) + "; logs in "
                + root.relativize(logs()) + "/");
        services.awaitReady(started, READY_TIMEOUT);
        if (options.demoData()) {
            demoOutcomes = DemoData.load(DemoData.defaultSteps(), demoHttp(plan), out);
        }
        printSummary();
        watchForTotalLoss();
    }

    private void startPostgres() throws IOException, java.sql.SQLException {
        var dataDir = local().resolve("postgres");
        postgres = Postgres.configuredOrEmbedded(env, dataDir, logs().resolve("postgres.log"), Postgres.EMBEDDED_PORT);
        out.println(
                postgres.isEmbedded()
                        ? "  ready  postgres           embedded on :" + postgres.port() + ", data in "
                                + root.relativize(dataDir) + " (none answered at the configured address)"
                        : "  ready  postgres           configured server " + postgres.url());
    }

    private void startRedis() throws IOException, Supervisor.StartupException, InterruptedException {
        redis = Redis.configuredOrLocal(env, local().resolve("redis"), logs(), Redis.LOCAL_PORT);
        if (redis.process() == null) {
            out.println("  ready  redis              configured server " + redis.host() + ":" + redis.port());
            return;
        }
        out.println("  start  redis              " + redis.process().command().getFirst() + " on :" + redis.port()
                + ", data in " + root.relativize(local().resolve("redis"))
                + " (none answered at the configured address)");
        Supervisor.requireFreePorts(List.of(redis.process()));
        var process = infrastructure.start(redis.process());
        infrastructure.awaitReady(List.of(process), Duration.ofSeconds(20));
    }

    /** Each service's executable jar, built by {@code ./mvnw package}; fails naming the missing ones. */
    Map<Service, Path> jars(List<Service> wanted) throws Supervisor.StartupException, IOException {
        var jars = new java.util.EnumMap<Service, Path>(Service.class);
        var missing = new ArrayList<String>();
        for (var service : wanted) {
            var target = root.resolve(service.moduleName()).resolve("target");
            try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
                files.filter(f -> f.getFileName().toString().startsWith(service.moduleName() + "-"))
                        .filter(f -> f.getFileName().toString().endsWith(".jar"))
                        .filter(f -> !f.getFileName().toString().endsWith("-plain.jar"))
                        .findFirst()
                        .ifPresentOrElse(jar -> jars.put(service, jar), () -> missing.add(service.moduleName()));
            }
        }
        if (!missing.isEmpty()) {
            throw new Supervisor.StartupException("no jar for " + String.join(", ", missing)
                    + "; build with `bin/run-all --build` (or ./mvnw -DskipTests package)");
        }
        return jars;
    }

    private DemoData.Http demoHttp(Plan plan) {
        var names = plan.processes().stream().map(ProcessSpec::name).toList();
        URI users = names.contains(Service.USER.moduleName()) ? URI.create(settings.url(Service.USER)) : null;
        URI products = names.stream().anyMatch(n -> n.startsWith(Service.PRODUCT.moduleName()))
                ? URI.create(settings.url(Service.PRODUCT))
                : null;
        var client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        return new DemoData.Http(client, users, products);
    }

    void printSummary() {
        out.println();
        printStatus();
        out.println();
        boolean gateway = services.processes().stream().anyMatch(p -> p.name().equals(Service.GATEWAY.moduleName()));
        if (gateway) {
            out.println("  Gateway     " + settings.url(Service.GATEWAY));
            out.println("  Swagger UI  " + settings.url(Service.GATEWAY) + "/swagger-ui.html");
        }
        if (DemoData.done(demoOutcomes, DemoData.ADMIN_STEP)) {
            out.println("  Demo admin     " + DemoData.ADMIN_EMAIL + " / " + DemoData.ADMIN_PASSWORD);
        }
        if (DemoData.done(demoOutcomes, DemoData.CUSTOMER_STEP)) {
            out.println("  Demo customer  " + DemoData.CUSTOMER_EMAIL + " / " + DemoData.CUSTOMER_PASSWORD);
        }
        out.println("\n  Ctrl-C stops everything.");
    }

    /** The status table of every process: PostgreSQL, Redis, the services. */
    void printStatus() {
        var rows = new ArrayList<StatusTable.Row>();
        if (postgres != null) {
            rows.add(new StatusTable.Row(
                    "postgres",
                    postgres.pid().map(String::valueOf).orElse("-"),
                    postgres.port(),
                    postgres.isEmbedded() ? "READY" : "external",
                    postgres.isEmbedded()
                            ? "embedded, " + root.relativize(logs().resolve("postgres.log"))
                            : postgres.url()));
        }
        if (redis != null && redis.process() == null) {
            rows.add(new StatusTable.Row("redis", "-", redis.port(), "external", redis.host() + ":" + redis.port()));
        }
        rows.addAll(infrastructure.rows());
        rows.addAll(services.rows());
        out.print(StatusTable.render(rows.stream().map(this::relative).toList()));
    }

    private StatusTable.Row relative(StatusTable.Row row) {
        String note = row.note().startsWith(root.toString())
                ? root.relativize(Path.of(row.note())).toString()
                : row.note();
        return new StatusTable.Row(row.name(), row.pid(), row.port(), row.state(), note);
    }

    private void watchForTotalLoss() {
        Thread.ofPlatform().daemon().name("local-stack-watch").start(() -> {
            try {
                while (!services.allDied()) {
                    Thread.sleep(1000);
                }
                everythingDied.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Blocks until every service process has died on its own (Ctrl-C ends the JVM before that). */
    void awaitEnd() {
        try {
            everythingDied.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the services, then Redis, then PostgreSQL. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (services.processes().isEmpty() && infrastructure.processes().isEmpty() && postgres == null) {
            return; // nothing was started
        }
        out.println("\nStopping ...");
        infrastructure.expectExits();
        services.close();
        infrastructure.close();
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                out.println("  postgres did not stop cleanly: " + e.getMessage());
            }
            postgres = null;
        }
        out.println("Stopped.");
    }
}
