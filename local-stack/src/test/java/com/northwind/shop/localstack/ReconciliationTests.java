package com.northwind.shop.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reconciliation on real PostgreSQL (the services' own migrations, each in its schema) and a real Redis: a
 * settled run balances, and each way the books can go wrong is named. Every test has its own product (the check is
 * scoped by product) and its own Redis key prefix.
 */
class ReconciliationTests {

    @TempDir
    static Path dir;

    private static Postgres postgres;
    private static Supervisor redisProcess;
    private static int redisPort;
    private static LocalStack.Database database;

    @BeforeAll
    static void start() throws Exception {
        String name = "nwrecon_" + Long.toString(System.nanoTime(), 36);
        var url = System.getenv().getOrDefault(EnvNames.DB_URL, Postgres.DEFAULT_URL);
        var address = Postgres.JdbcAddress.parse(url);
        var env = Map.of(
                EnvNames.DB_URL,
                "jdbc:postgresql://" + address.host() + ":" + address.port() + "/" + name,
                EnvNames.DB_USERNAME,
                System.getenv().getOrDefault(EnvNames.DB_USERNAME, Postgres.DEFAULT_USERNAME),
                EnvNames.DB_PASSWORD,
                System.getenv().getOrDefault(EnvNames.DB_PASSWORD, ""));
        postgres = Postgres.configuredOrEmbedded(env, dir.resolve("pg"), dir.resolve("pg.log"), Ports.anyFree());
        database = new LocalStack.Database(postgres.url(), postgres.username(), postgres.password());
        try (var connection = connect()) {
            migrate(connection, "catalog", "product-service");
            migrate(connection, "orders", "order-service");
            migrate(connection, "payments", "payment-service");
            connection
                    .createStatement()
                    .execute("INSERT INTO catalog.categories (id, slug, name) VALUES"
                            + " ('00000000-0000-0000-0000-000000000001', 'tests', 'Tests')");
        }
        redisPort = Ports.anyFree();
        var redis = Redis.local(dir.resolve("redis"), dir, redisPort);
        redisProcess = new Supervisor(new PrintStream(PrintStream.nullOutputStream()), Duration.ofSeconds(10));
        redisProcess.awaitReady(List.of(redisProcess.start(redis.process())), Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() throws Exception {
        if (redisProcess != null) {
            redisProcess.close();
        }
        if (postgres != null) {
            postgres.dropDatabase();
            postgres.close();
        }
    }

    /** A service's migrations, in order, in a schema of its own (as Flyway runs them for the service). */
    private static void migrate(Connection connection, String schema, String service) throws IOException, SQLException {
        var statement = connection.createStatement();
        statement.execute("CREATE SCHEMA " + schema);
        statement.execute("SET search_path = " + schema);
        try (Stream<Path> files = Files.list(Path.of("..", service, "src/main/resources/db/migration"))) {
            for (var file : files.sorted(java.util.Comparator.comparingInt(ReconciliationTests::version))
                    .toList()) {
                statement.execute(Files.readString(file));
            }
        }
        statement.execute("SET search_path = public");
    }

    private static int version(Path migration) {
        String name = migration.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(database.url(), database.username(), database.password());
    }

    private static void sql(String sql, Object... parameters) throws SQLException {
        try (var connection = connect();
                var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.execute();
        }
    }

    /** One product of its own per test, and the orders of a checkout load on it. */
    private static final class Books {
        static final long INITIAL = 10;
        static final long PRICE = 500;
        final UUID product = UUID.randomUUID();
        final String prefix = "recon-" + product + ":";
        long sold;
        long held;

        Books() throws SQLException {
            sql(
                    "INSERT INTO catalog.products (id, sku, name, price_amount, currency, category_id, stock_quantity,"
                            + " available_quantity) VALUES (?, ?, 'Test', ?, 'EUR',"
                            + " '00000000-0000-0000-0000-000000000001', ?, ?)",
                    product,
                    "T-"
                            + Long.toString(product.getMostSignificantBits() & Long.MAX_VALUE, 36)
                                    .toUpperCase(java.util.Locale.ROOT),
                    PRICE,
                    (int) INITIAL,
                    (int) INITIAL);
        }

        Map<UUID, Long> scope() {
            return Map.of(product, INITIAL);
        }

        Reconciliation reconciliation() {
            return new Reconciliation(database, "localhost", redisPort, prefix);
        }

        Reconciliation.Report check() {
            return reconciliation().check(scope());
        }

        /** An order of one unit with its reservation in the given status; counters follow the reservation. */
        UUID order(String status, String reservation) throws SQLException {
            var order = UUID.randomUUID();
            sql(
                    "INSERT INTO orders.orders (id, user_id, status, total_amount, currency) VALUES (?, ?, ?, ?, 'EUR')",
                    order,
                    UUID.randomUUID(),
                    status,
                    PRICE);
            sql(
                    "INSERT INTO orders.order_lines (order_id, position, product_id, name, quantity, unit_amount,"
                            + " currency, line_total) VALUES (?, 0, ?, 'Test', 1, ?, 'EUR', ?)",
                    order,
                    product,
                    PRICE,
                    PRICE);
            reservation(order, reservation);
            return order;
        }

        void reservation(UUID order, String status) throws SQLException {
            sql(
                    "INSERT INTO catalog.reservations (order_id, status, expires_at) VALUES (?, ?, now() + interval '1h')",
                    order,
                    status);
            sql(
                    "INSERT INTO catalog.reservation_lines (order_id, product_id, quantity, sku, name,"
                            + " unit_price_amount, currency) VALUES (?, ?, 1, 'T', 'Test', ?, 'EUR')",
                    order,
                    product,
                    PRICE);
            sold += status.equals("CONFIRMED") ? 1 : 0;
            held += status.equals("CONFIRMED") || status.equals("RESERVED") ? 1 : 0;
            counters(INITIAL - sold, INITIAL - held);
        }

        void counters(long stock, long available) throws SQLException {
            sql(
                    "UPDATE catalog.products SET stock_quantity = ?, available_quantity = ? WHERE id = ?",
                    (int) stock,
                    (int) available,
                    product);
        }

        /** A payment of the order charged at the processor, refunded in both places if {@code refunded}. */
        UUID payment(UUID order, String status, boolean charged, boolean refundedAtProcessor) throws SQLException {
            var payment = UUID.randomUUID();
            boolean refunded = status.equals("REFUNDED");
            sql(
                    "INSERT INTO payments.payments (id, order_id, user_id, status, amount, currency, refunded_amount)"
                            + " VALUES (?, ?, ?, ?, ?, 'EUR', ?)",
                    payment,
                    order,
                    UUID.randomUUID(),
                    status,
                    PRICE,
                    refunded ? PRICE : 0);
            if (charged) {
                sql(
                        "INSERT INTO payments.processor_charges (payment_id, amount, currency, outcome)"
                                + " VALUES (?, ?, 'EUR', 'SUCCEEDED')",
                        payment,
                        PRICE);
            }
            if (refundedAtProcessor) {
                sql(
                        "INSERT INTO payments.processor_refunds (refund_id, payment_id, amount) VALUES (?, ?, ?)",
                        UUID.randomUUID(),
                        payment,
                        PRICE);
            }
            return payment;
        }

        /** A paid order as the saga leaves it. */
        UUID paid() throws SQLException {
            var order = order("PAID", "CONFIRMED");
            payment(order, "SUCCEEDED", true, false);
            return order;
        }

        /** A paid order cancelled again, as the saga leaves it. */
        UUID refunded() throws SQLException {
            var order = order("CANCELLED", "RELEASED");
            payment(order, "REFUNDED", true, true);
            return order;
        }

        /** A stream with a consumer group that has read and acknowledged its one entry. */
        void consumedStream() {
            try (var redis = new RedisCommands("localhost", redisPort, Duration.ofSeconds(2))) {
                String id = (String) redis.call("XADD", prefix + "orders.events", "*", "type", "OrderPaid");
                redis.call("XGROUP", "CREATE", prefix + "orders.events", "product-service", "0");
                redis.call("XREADGROUP", "GROUP", "product-service", "c1", "STREAMS", prefix + "orders.events", ">");
                redis.call("XACK", prefix + "orders.events", "product-service", id);
            }
        }

        Object redis(String... command) {
            try (var redis = new RedisCommands("localhost", redisPort, Duration.ofSeconds(2))) {
                return redis.call(command);
            }
        }
    }

    @Test
    void aSettledRunBalances() throws Exception {
        var books = new Books();
        books.paid();
        books.paid();
        books.refunded();
        var unpaidThenCancelled = books.order("CANCELLED", "RELEASED");
        books.payment(unpaidThenCancelled, "FAILED", false, false);
        books.consumedStream();

        var report = books.check();

        assertThat(report.violations()).isEmpty();
        assertThat(report.consistent()).isTrue();
        assertThat(report.orders()).containsExactlyInAnyOrderEntriesOf(Map.of("PAID", 2L, "CANCELLED", 2L));
    }

    @Test
    void anOrderLeftAwaitingPaymentIsNotSettled() throws Exception {
        var books = new Books();
        var order = books.order("AWAITING_PAYMENT", "RESERVED");

        assertThat(books.check().violations())
                .containsExactly("orders: order " + order + " is AWAITING_PAYMENT: neither fulfilled nor cancelled");
    }

    @Test
    void aPaidOrderNeedsItsReservationConfirmedAndExactlyOnePayment() throws Exception {
        var books = new Books();
        var unconfirmed = books.order("PAID", "RESERVED");
        books.payment(unconfirmed, "SUCCEEDED", true, false);
        var unpaid = books.order("PAID", "CONFIRMED");

        assertThat(books.check().violations())
                .contains(
                        "orders: PAID order " + unconfirmed + " has its reservation RESERVED, not CONFIRMED",
                        "orders: PAID order " + unpaid + " has 0 SUCCEEDED payments (0 holding money), not exactly one",
                        "orders: PAID order " + unpaid + " of 500 keeps 0 in payments and 0 at the processor");
    }

    @Test
    void aCancelledOrderKeepsNoMoneyInPaymentsNorAtTheProcessor() throws Exception {
        var books = new Books();
        var charged = books.order("CANCELLED", "RELEASED");
        books.payment(charged, "SUCCEEDED", true, false);
        var refundedOnlyInPayments = books.order("REFUNDED", "RELEASED");
        books.payment(refundedOnlyInPayments, "REFUNDED", true, false);
        var notReleased = books.order("CANCELLED", "RESERVED");

        assertThat(books.check().violations())
                .contains(
                        "orders: CANCELLED order " + charged
                                + " keeps money: 1 payments not refunded, 500 in payments, 500 at the processor",
                        "orders: REFUNDED order " + refundedOnlyInPayments
                                + " keeps money: 0 payments not refunded, 0 in payments, 500 at the processor",
                        "orders: CANCELLED order " + notReleased + " has its reservation RESERVED, not RELEASED");
    }

    @Test
    void anOrderChargedTwiceIsFoundEvenWhenTheSecondChargeWasRefunded() throws Exception {
        var books = new Books();
        var order = books.paid();
        books.payment(order, "REFUNDED", true, true);

        assertThat(books.check().violations())
                .containsExactly("orders: PAID order " + order + " was charged 2 times at the processor");
    }

    @Test
    void stockMustBeTheInitialUnitsLessThoseSold() throws Exception {
        var books = new Books();
        books.paid();
        books.counters(Books.INITIAL, Books.INITIAL - 1); // the sale never left the shelf

        assertThat(books.check().violations())
                .containsExactly(
                        "stock: product " + books.product + " has 10 in stock, expected 10 initial - 1 sold" + " = 9");
    }

    @Test
    void aReservationWithoutAnOrderHoldsStockForNobody() throws Exception {
        var books = new Books();
        var ghost = UUID.randomUUID();
        books.reservation(ghost, "RESERVED");

        assertThat(books.check().violations())
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("reservations: reservation " + ghost + " is RESERVED (until ");
    }

    @Test
    void aDeadLetterOrAnEventNotYetConsumedIsNotSettled() throws Exception {
        var books = new Books();
        books.consumedStream();
        books.redis(
                "XADD",
                books.prefix + "orders.events.dead-letter",
                "*",
                "type",
                "OrderPaid",
                "consumerGroup",
                "product-service",
                "error",
                "boom");
        assertThat(books.check().violations())
                .containsExactly("dead letters: " + books.prefix + "orders.events.dead-letter holds 1 entries, the"
                        + " first: type=OrderPaid group=product-service error=boom");
        books.redis("DEL", books.prefix + "orders.events.dead-letter");

        books.redis("XADD", books.prefix + "orders.events", "*", "type", "OrderCancelled");
        assertThat(books.check().violations())
                .containsExactly("events: group product-service of " + books.prefix
                        + "orders.events has 1 entries not yet read");

        books.redis("XREADGROUP", "GROUP", "product-service", "c1", "STREAMS", books.prefix + "orders.events", ">");
        assertThat(books.check().violations())
                .containsExactly("events: group product-service of " + books.prefix
                        + "orders.events has 1 entries delivered but not acknowledged");
        assertThat(books.reconciliation().pendingPerConsumer("orders.events", "product-service"))
                .containsExactly(Map.entry("c1", 1L));
        assertThat(books.reconciliation().entriesAdded())
                .containsExactly(Map.entry(books.prefix + "orders.events", 2L));
    }
}
