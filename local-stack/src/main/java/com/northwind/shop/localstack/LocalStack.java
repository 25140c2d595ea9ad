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

    static final String SWAGGER_PATH = "/swagger-ui.html";

    /** The demo admin user-service creates at start-up (unless demo data is off). */
    public static final String DEMO_ADMIN_EMAIL = DemoData.ADMIN_EMAIL;

    public static final String DEMO_ADMIN_PASSWORD = DemoData.ADMIN_PASSWORD;

    private final Options options;
    private final Path root;
    private final Map<String, String> env;
    private final PrintStream out;
    private final Addresses addresses;
    private final List<String> jvmFlags;
    private final Map<String, String> serviceEnvironment;
    private final @Nullable Path workDir;
    private final boolean dedicatedRedis;
    /** Use REDIS_HOST/REDIS_PORT as given, without asking it (unauthenticated) whether it answers. */
    private final boolean givenRedis;

    private final boolean dropDatabase;
    private final Supervisor infrastructure;
    private final Supervisor services;
    private @Nullable Postgres postgres;
    private @Nullable Redis redis;
    private final CountDownLatch everythingDied = new CountDownLatch(1);
    private boolean closed;
    private Map<String, DemoData.Outcome> demoOutcomes = Map.of();

    LocalStack(Options options, Path root, Map<String, String> env, PrintStream out) {
        this(options, root, env, out, StackSettings.fromEnvironment(env));
    }

    private LocalStack(Options options, Path root, Map<String, String> env, PrintStream out, StackSettings settings) {
        this(options, root, env, out, settings.addresses(), settings.jvmFlags(), Map.of(), null, false, false, false);
    }

    private LocalStack(
            Options options,
            Path root,
            Map<String, String> env,
            PrintStream out,
            Addresses addresses,
            List<String> jvmFlags,
            Map<String, String> serviceEnvironment,
            @Nullable Path workDir,
            boolean dedicatedRedis,
            boolean givenRedis,
            boolean dropDatabase) {
        this.options = options;
        this.root = root;
        this.env = env;
        this.out = out;
        this.addresses = addresses;
        this.jvmFlags = List.copyOf(jvmFlags);
        this.serviceEnvironment = Map.copyOf(serviceEnvironment);
        this.workDir = workDir;
        this.dedicatedRedis = dedicatedRedis;
        this.givenRedis = givenRedis;
        this.dropDatabase = dropDatabase;
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
        var stack = new LocalStack(options, Path.of("").toAbsolutePath(), System.getenv(), System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-stop"));
        try {
            stack.start();
        } catch (StartupException | IOException | java.sql.SQLException | RuntimeException e) {
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
        return workDir != null ? workDir : root.resolve(".local");
    }

    Path logs() {
        return local().resolve("logs");
    }

    /** Starts everything and returns once it is ready and the demo data is loaded. */
    public void start() throws StartupException, IOException, java.sql.SQLException, InterruptedException {
        var java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        var jars = jars(Plan.select(options));
        // Ports first, so a busy one fails fast and clearly; the connections are not known yet, so use defaults.
        var unconnected = new Connections(Postgres.DEFAULT_URL, "", "", Redis.DEFAULT_HOST, Redis.DEFAULT_PORT);
        Supervisor.requireFreePorts(plan(unconnected, java, jars).processes());

        out.println("Northwind Shop local stack (JDK " + Runtime.version().feature() + ": " + java + ")");
        startPostgres();
        startRedis();
        var plan = plan(postgres.connections(redis.host(), redis.port()), java, jars);
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

    private Plan plan(Connections connections, Path java, Map<Service, Path> jars) {
        return Plan.build(options, connections, java, jars::get, logs(), addresses, jvmFlags, serviceEnvironment);
    }

    private void startPostgres() throws IOException, java.sql.SQLException {
        var dataDir = local().resolve("postgres");
        int embeddedPort = workDir == null ? Postgres.EMBEDDED_PORT : Ports.anyFree();
        postgres = Postgres.configuredOrEmbedded(env, dataDir, logs().resolve("postgres.log"), embeddedPort);
        out.println(
                postgres.isEmbedded()
                        ? "  ready  postgres           embedded on :" + postgres.port() + ", data in "
                                + root.relativize(dataDir) + " (none answered at the configured address)"
                        : "  ready  postgres           configured server " + postgres.url());
    }

    private void startRedis() throws IOException, StartupException, InterruptedException {
        if (givenRedis) {
            redis = new Redis(env.get(EnvNames.REDIS_HOST), Integer.parseInt(env.get(EnvNames.REDIS_PORT)), null);
        } else {
            redis = dedicatedRedis
                    ? Redis.local(local().resolve("redis"), logs(), Ports.anyFree())
                    : Redis.configuredOrLocal(env, local().resolve("redis"), logs(), Redis.LOCAL_PORT);
        }
        if (redis.process() == null) {
            out.println("  ready  redis              configured server " + redis.host() + ":" + redis.port());
            return;
        }
        out.println("  start  redis              " + redis.process().command().getFirst() + " on :" + redis.port()
                + ", data in " + root.relativize(local().resolve("redis"))
                + (dedicatedRedis ? " (a server of its own)" : " (none answered at the configured address)"));
        Supervisor.requireFreePorts(List.of(redis.process()));
        var process = infrastructure.start(redis.process());
        infrastructure.awaitReady(List.of(process), Duration.ofSeconds(20));
    }

    /** Each service's executable jar, built by {@code ./mvnw package}; fails naming the missing ones. */
    Map<Service, Path> jars(List<Service> wanted) throws StartupException, IOException {
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
            throw new StartupException("no jar for " + String.join(", ", missing)
                    + "; build with `bin/run-all --build` (or ./mvnw -DskipTests package)");
        }
        return jars;
    }

    private DemoData.Http demoHttp(Plan plan) {
        var names = plan.processes().stream().map(ProcessSpec::name).toList();
        URI users = names.contains(Service.USER.moduleName()) ? addresses.uri(Service.USER) : null;
        URI products = names.stream().anyMatch(n -> n.startsWith(Service.PRODUCT.moduleName()))
                ? addresses.uri(Service.PRODUCT)
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
            out.println("  Gateway     " + gatewayUri());
            out.println("  Swagger UI  " + gatewayUri() + SWAGGER_PATH);
        }
        if (DemoData.done(demoOutcomes, DemoData.ADMIN_STEP)) {
            out.println("  Demo admin     " + DemoData.ADMIN_EMAIL + " / " + DemoData.ADMIN_PASSWORD);
        }
        if (DemoData.done(demoOutcomes, DemoData.CUSTOMER_STEP)) {
            out.println("  Demo customer  " + DemoData.CUSTOMER_EMAIL + " / " + DemoData.CUSTOMER_PASSWORD);
        }
        if (workDir == null) {
            out.println("\n  Ctrl-C stops everything.");
        }
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

    // ---- Programmatic use (system tests): everything below drives a stack built with builder(). ----

    /** The gateway's base URL, e.g. {@code http://localhost:8080}. */
    public URI gatewayUri() {
        return addresses.uri(Service.GATEWAY);
    }

    /** A process's base URL by its name, e.g. {@code product-service-2}. */
    public URI uri(String processName) {
        return URI.create("http://localhost:" + processSpec(processName).port());
    }

    /** The names of the running stack's processes: the services, and {@code redis} when the stack started it. */
    public List<String> processNames() {
        var names = new ArrayList<String>();
        infrastructure.processes().forEach(p -> names.add(p.name()));
        services.processes().forEach(p -> names.add(p.name()));
        return names.stream().distinct().toList();
    }

    /**
     * Where the services' database is.
     *
     * @param url JDBC URL
     * @param username role
     * @param password its password (empty for trust authentication)
     */
    public record Database(String url, String username, String password) {}

    /** The database the services use, for checks that read it directly. */
    public Database database() {
        var db = java.util.Objects.requireNonNull(postgres, "not started");
        return new Database(db.url(), db.username(), db.password());
    }

    /**
     * The saga's reconciliation check against this stack's database and Redis (see {@link Reconciliation}).
     */
    public Reconciliation reconciliation() {
        var server = java.util.Objects.requireNonNull(redis, "not started");
        String prefix = serviceEnvironment.getOrDefault(
                EnvNames.REDIS_KEY_PREFIX, env.getOrDefault(EnvNames.REDIS_KEY_PREFIX, ""));
        return new Reconciliation(database(), server.host(), server.port(), prefix);
    }

    /** Stops a process as an operator would: SIGTERM, then the grace period. */
    public void stop(String processName) {
        supervisorOf(processName).stop(processName, false);
    }

    /** Kills a process at once (SIGKILL), as a crash would. */
    public void kill(String processName) {
        supervisorOf(processName).stop(processName, true);
    }

    /** Starts a stopped or killed process again, as it was started first, and waits until it is ready. */
    public void restart(String processName) throws StartupException, InterruptedException {
        supervisorOf(processName).restart(processName, READY_TIMEOUT);
    }

    /** Whether the process is running (started and not ended). */
    public boolean isRunning(String processName) {
        return supervisorOf(processName)
                .process(processName)
                .map(ManagedProcess::alive)
                .orElse(false);
    }

    private Supervisor supervisorOf(String processName) {
        if (infrastructure.process(processName).isPresent()) {
            return infrastructure;
        }
        if (services.process(processName).isPresent()) {
            return services;
        }
        throw new IllegalArgumentException("no process " + processName + "; have " + processNames());
    }

    private ProcessSpec processSpec(String processName) {
        return supervisorOf(processName).process(processName).orElseThrow().spec();
    }

    /** A stack for programmatic use, e.g. by system tests; {@link #close()} stops it. */
    public static Builder builder(Path repositoryRoot) {
        return new Builder(repositoryRoot);
    }

    /**
     * Settings of a stack started from code rather than from the command line. The defaults are the launcher's own
     * (fixed ports, the configured or embedded PostgreSQL and Redis, {@code .local/}).
     */
    public static final class Builder {
        private final Path root;
        private final Map<String, String> env = new java.util.HashMap<>(System.getenv());
        private final Map<String, String> serviceEnvironment = new java.util.HashMap<>();
        private PrintStream out = System.out;
        private Addresses addresses = Addresses.fixed();
        private List<String> jvmFlags = Plan.JVM_FLAGS;
        private @Nullable Path workDir;
        private boolean dedicatedRedis;
        private boolean givenRedis;
        private boolean dropDatabase;

        private Builder(Path root) {
            this.root = root;
        }

        /** Every service on a port that is free now, instead of 8080-8092. */
        public Builder freePorts() {
            this.addresses = Addresses.free();
            return this;
        }

        /**
         * A database of its own on the configured server (or the embedded one), created at start-up and dropped by
         * {@link #close()}.
         */
        public Builder ownDatabase(String name) {
            if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
                throw new IllegalArgumentException("not a plain database name: " + name);
            }
            var url = env.getOrDefault(EnvNames.DB_URL, Postgres.DEFAULT_URL);
            var address = Postgres.JdbcAddress.parse(url);
            env.put(EnvNames.DB_URL, "jdbc:postgresql://" + address.host() + ":" + address.port() + "/" + name);
            this.dropDatabase = true;
            return this;
        }

        /** A {@code redis-server} of its own on a free port (so a test may stop it), not the configured one. */
        public Builder ownRedis() {
            this.dedicatedRedis = true;
            this.givenRedis = false;
            return this;
        }

        /** Where logs and the data of embedded servers go, instead of {@code .local/}. */
        public Builder workDir(Path dir) {
            this.workDir = dir;
            return this;
        }

        /** Flags of every service JVM, instead of the launcher's. */
        public Builder jvmFlags(List<String> flags) {
            this.jvmFlags = List.copyOf(flags);
            return this;
        }

        /** An environment variable for every service (e.g. a rate limit), set after the launcher's own. */
        public Builder serviceEnvironment(String name, String value) {
            serviceEnvironment.put(name, value);
            return this;
        }

        /** An environment variable for one service only ({@code service}: its module name), after every other. */
        public Builder serviceEnvironment(String service, String name, String value) {
            serviceEnvironment.put(service + ":" + name, value);
            return this;
        }

        /**
         * The Redis at {@code host:port} instead of the configured one, even if it refuses commands until a client
         * authenticates (a server with ACL users, whose names and passwords the services are given).
         */
        public Builder redis(String host, int port) {
            env.put(EnvNames.REDIS_HOST, host);
            env.put(EnvNames.REDIS_PORT, Integer.toString(port));
            this.dedicatedRedis = false;
            this.givenRedis = true;
            return this;
        }

        /** Where progress goes, instead of standard output. */
        public Builder out(PrintStream out) {
            this.out = out;
            return this;
        }

        public LocalStack build() {
            return new LocalStack(
                    Options.parse(List.of()),
                    root,
                    Map.copyOf(env),
                    out,
                    addresses,
                    jvmFlags,
                    serviceEnvironment,
                    workDir,
                    dedicatedRedis,
                    givenRedis,
                    dropDatabase);
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
            if (dropDatabase) {
                try {
                    postgres.dropDatabase();
                } catch (java.sql.SQLException e) {
                    out.println("  could not drop the database " + postgres.url() + ": " + e.getMessage());
                }
            }
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
