package com.northwind.shop.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * The one-command local stack (this project's AppHost): PostgreSQL and Redis, configured or embedded, then every
 * service as its own JVM on the JDK this launcher runs on; waits for readiness, loads demo data, prints where
 * everything is, and stops it all on Ctrl-C. Run from the repository root, normally through {@code bin/run-all}.
 *
 * <p>This class runs the steps in order and is the handle for programmatic use; each step is a class of its own:
 * {@link StackSetup} (what to start, ports, settings), {@link Infrastructure} (PostgreSQL and Redis),
 * {@link ServiceJars} and {@link Plan} (the service processes), {@link Supervisor} (launching, readiness, stopping),
 * {@link DemoData}, and {@link StackConsole} (the status table and summary).
 */
public final class LocalStack implements AutoCloseable {

    /** Generous: six JVMs starting at once on two busy cores can take minutes; a laptop takes about 30 s. */
    static final Duration READY_TIMEOUT = Duration.ofMinutes(10);

    static final String SWAGGER_PATH = "/swagger-ui.html";

    /** The demo admin user-service creates at start-up (unless demo data is off). */
    public static final String DEMO_ADMIN_EMAIL = DemoData.ADMIN_EMAIL;

    public static final String DEMO_ADMIN_PASSWORD = DemoData.ADMIN_PASSWORD;

    private final StackSetup setup;
    private final PrintStream out;
    private final Infrastructure infrastructure;
    private final Supervisor services;
    private final StackConsole console;
    private final CountDownLatch everythingDied = new CountDownLatch(1);
    private boolean closed;

    LocalStack(StackSetup setup, PrintStream out) {
        this.setup = setup;
        this.out = out;
        this.infrastructure = new Infrastructure(setup, out);
        this.services = new Supervisor(out);
        this.console = new StackConsole(out, setup.root(), infrastructure, services);
        infrastructure.processes().afterDeathReport(console::status);
        services.afterDeathReport(console::status);
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
        var stack = new LocalStack(
                StackSetup.commandLine(options, Path.of("").toAbsolutePath(), System.getenv()), System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-stop"));
        try {
            stack.start();
        } catch (StartupException | IOException | SQLException | RuntimeException e) {
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

    /** Starts everything and returns once it is ready and the demo data is loaded. */
    public void start() throws StartupException, IOException, SQLException, InterruptedException {
        var java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        var jars = ServiceJars.find(setup.root(), Plan.select(setup.options()));
        // Ports first, so a busy one fails fast and clearly; the connections are not known yet, so use defaults.
        var unconnected = new Connections(Postgres.DEFAULT_URL, "", "", Redis.DEFAULT_HOST, Redis.DEFAULT_PORT);
        Supervisor.requireFreePorts(setup.plan(unconnected, java, jars).processes());

        out.println("Northwind Shop local stack (JDK " + Runtime.version().feature() + ": " + java + ")");
        var plan = setup.plan(infrastructure.start(), java, jars);
        var started = new ArrayList<ManagedProcess>();
        for (var spec : plan.processes()) {
            started.add(services.start(spec));
        }
        out.println("  started "
                + String.join(", ", started.stream().map(ManagedProcess::name).toList()) + "; logs in "
                + setup.root().relativize(setup.logs()) + "/");
        services.awaitReady(started, READY_TIMEOUT);
        Map<String, DemoData.Outcome> demoOutcomes = Map.of();
        if (setup.options().demoData()) {
            demoOutcomes = DemoData.load(DemoData.defaultSteps(), demoHttp(plan), out);
        }
        boolean gateway = services.processes().stream().anyMatch(p -> p.name().equals(Service.GATEWAY.moduleName()));
        console.summary(gateway ? gatewayUri() : null, demoOutcomes, setup.interactive());
        watchForTotalLoss();
    }

    private DemoData.Http demoHttp(Plan plan) {
        var names = plan.processes().stream().map(ProcessSpec::name).toList();
        URI users =
                names.contains(Service.USER.moduleName()) ? setup.addresses().uri(Service.USER) : null;
        URI products = names.stream().anyMatch(n -> n.startsWith(Service.PRODUCT.moduleName()))
                ? setup.addresses().uri(Service.PRODUCT)
                : null;
        var client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        return new DemoData.Http(client, users, products);
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
        return setup.addresses().uri(Service.GATEWAY);
    }

    /** A process's base URL by its name, e.g. {@code product-service-2}. */
    public URI uri(String processName) {
        return URI.create("http://localhost:" + processSpec(processName).port());
    }

    /** The names of the running stack's processes: the services, and {@code redis} when the stack started it. */
    public List<String> processNames() {
        var names = new ArrayList<String>();
        infrastructure.processes().processes().forEach(p -> names.add(p.name()));
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
        return infrastructure.database();
    }

    /**
     * The saga's reconciliation check against this stack's database and Redis (see {@link Reconciliation}).
     */
    public Reconciliation reconciliation() {
        var server = infrastructure.redis();
        return new Reconciliation(database(), server.host(), server.port(), setup.redisKeyPrefix());
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
        if (infrastructure.processes().process(processName).isPresent()) {
            return infrastructure.processes();
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
        private final Map<String, String> env = new HashMap<>(System.getenv());
        private final Map<String, String> serviceEnvironment = new HashMap<>();
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
                    new StackSetup(
                            Options.parse(List.of()),
                            root,
                            Map.copyOf(env),
                            addresses,
                            jvmFlags,
                            serviceEnvironment,
                            workDir,
                            dedicatedRedis,
                            givenRedis,
                            dropDatabase),
                    out);
        }
    }

    /** Stops the services, then Redis, then PostgreSQL. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (services.processes().isEmpty() && !infrastructure.started()) {
            return; // nothing was started
        }
        out.println("\nStopping ...");
        infrastructure.processes().expectExits();
        services.close();
        infrastructure.close();
        out.println("Stopped.");
    }
}
