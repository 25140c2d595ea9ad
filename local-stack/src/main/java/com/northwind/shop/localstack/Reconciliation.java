package com.northwind.shop.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The saga's books, balanced: after a checkout load (with or without faults) has stopped and its events have been
 * consumed, every order of the given products must be settled and every unit and cent accounted for. The rules:
 *
 * <ul>
 *   <li>every order is fulfilled ({@code PAID}, or later {@code SHIPPED}/{@code DELIVERED}) with its reservation
 *       {@code CONFIRMED}, exactly one {@code SUCCEEDED} payment of its total and nothing else charged; or cancelled
 *       ({@code CANCELLED}/{@code REFUNDED}) with its reservation {@code RELEASED} and every charge refunded. An order
 *       still {@code AWAITING_PAYMENT} is a violation: the load that placed it must pay or cancel it;
 *   <li>money is counted twice: in payment-service's payments and in the (simulated) processor's own ledger, so a
 *       charge the payments table forgot is found too. Money kept for an order that is not fulfilled is a violation,
 *       and so is a second charge of one order, even if it was refunded since;
 *   <li>each product's stock is its initial stock minus the units of fulfilled orders, which are also exactly the
 *       units its confirmed reservations hold; available units are the initial ones minus every held reservation;
 *   <li>no reservation holds stock for an order that does not exist;
 *   <li>nothing sits in a dead-letter stream, and every consumer group has read and acknowledged every entry of its
 *       stream (so the check also says when the saga has settled).
 * </ul>
 *
 * The system tests run it after every fault ({@code LocalStack#reconciliation()}) and {@code bench/checkout.sh} runs
 * it through {@code bin/reconcile} ({@link #main}), so both hold the stack to the same rules. It only reads.
 */
public final class Reconciliation {

    /** At most this many violations of one rule are listed; the rest are counted. */
    static final int LISTED_PER_RULE = 10;

    static final Set<String> FULFILLED = Set.of("PAID", "SHIPPED", "DELIVERED");
    static final Set<String> CANCELLED = Set.of("CANCELLED", "REFUNDED");

    private final LocalStack.Database database;
    private final String redisHost;
    private final int redisPort;
    private final String keyPrefix;

    /**
     * @param database where the services' schemas are
     * @param redisHost the services' Redis
     * @param redisPort its port
     * @param keyPrefix the services' Redis key prefix ({@code REDIS_KEY_PREFIX}, usually empty)
     */
    public Reconciliation(LocalStack.Database database, String redisHost, int redisPort, String keyPrefix) {
        this.database = database;
        this.redisHost = redisHost;
        this.redisPort = redisPort;
        this.keyPrefix = keyPrefix;
    }

    /**
     * What a check found.
     *
     * @param violations one line per broken rule and order, product or stream; empty when the books balance
     * @param orders how many orders of the products are in each status
     */
    public record Report(List<String> violations, Map<String, Long> orders) {

        public boolean consistent() {
            return violations.isEmpty();
        }

        @Override
        public String toString() {
            var text = new StringBuilder(consistent() ? "consistent" : "INCONSISTENT")
                    .append(": orders ")
                    .append(orders);
            violations.forEach(v -> text.append("\n  - ").append(v));
            return text.toString();
        }
    }

    /**
     * Checks the orders of the given products, once.
     *
     * @param initialStock each product and the units it had before the load began (only orders of these products are
     *     checked, so other orders in the same database do not count)
     */
    public Report check(Map<UUID, Long> initialStock) {
        var violations = new ArrayList<String>();
        var orders = new TreeMap<String, Long>();
        try (Connection connection =
                DriverManager.getConnection(database.url(), database.username(), database.password())) {
            connection.setReadOnly(true);
            checkOrders(connection, initialStock, orders, new Rule("orders", violations));
            checkStock(connection, initialStock, new Rule("stock", violations));
            checkReservations(connection, initialStock, new Rule("reservations", violations));
        } catch (SQLException e) {
            violations.add("cannot read the database: " + e.getMessage());
        }
        try (var redis = new RedisCommands(redisHost, redisPort, Duration.ofSeconds(5))) {
            checkStreams(redis, new Rule("dead letters", violations), new Rule("events", violations));
        } catch (RuntimeException e) {
            violations.add("cannot read Redis: " + e.getMessage());
        }
        return new Report(List.copyOf(violations), orders);
    }

    /** Checks every second until the books balance or the time is up; returns the last report. */
    public Report await(Map<UUID, Long> initialStock, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Report report = check(initialStock);
        while (!report.consistent() && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            report = check(initialStock);
        }
        return report;
    }

    /**
     * Each of the services' streams (dead-letter streams included) and how many entries were ever added to it. Redis
     * keeps the count with the stream and trimming never lowers it, so it shows whether Redis kept its data over a
     * restart: a stream that was lost and created again counts from zero. (Redis before 7 has no such count: there it
     * is the stream's length.)
     */
    public Map<String, Long> entriesAdded() {
        try (var redis = new RedisCommands(redisHost, redisPort, Duration.ofSeconds(5))) {
            var added = new TreeMap<String, Long>();
            for (String key : streams(redis)) {
                var info = pairs(reply(redis.call("XINFO", "STREAM", key), List.class));
                Object count = info.get("entries-added");
                added.put(key, reply(count != null ? count : info.get("length"), Long.class));
            }
            return added;
        }
    }

    /**
     * The consumers of one group of one stream and how many entries each holds delivered but not acknowledged.
     *
     * @param stream e.g. {@code orders.events} (without the key prefix)
     * @param group e.g. {@code product-service}
     */
    public Map<String, Long> pendingPerConsumer(String stream, String group) {
        try (var redis = new RedisCommands(redisHost, redisPort, Duration.ofSeconds(5))) {
            var pending = new TreeMap<String, Long>();
            for (var consumer : maps(redis.call("XINFO", "CONSUMERS", keyPrefix + stream, group))) {
                pending.put(String.valueOf(consumer.get("name")), reply(consumer.get("pending"), Long.class));
            }
            return pending;
        }
    }

    /** The violations of one rule, listed up to {@link #LISTED_PER_RULE} and then counted. */
    private static final class Rule {
        private final String name;
        private final List<String> violations;
        private int count;
        private int summaryIndex = -1;

        Rule(String name, List<String> violations) {
            this.name = name;
            this.violations = violations;
        }

        void violated(String what, @Nullable Object... arguments) {
            count++;
            if (count <= LISTED_PER_RULE) {
                violations.add(name + ": " + what.formatted(arguments));
                return;
            }
            String summary = name + ": " + (count - LISTED_PER_RULE) + " more";
            if (summaryIndex < 0) {
                summaryIndex = violations.size();
                violations.add(summary);
            } else {
                violations.set(summaryIndex, summary);
            }
        }
    }

    private static final String SCOPE = """
            WITH scope AS (SELECT * FROM unnest(?::uuid[], ?::bigint[]) AS s (product_id, initial)),
            scoped AS (SELECT DISTINCT l.order_id FROM orders.order_lines l JOIN scope USING (product_id))
            """;

    /** Each order's status, reservation, what payment-service holds of its money and what the processor holds. */
    private static final String ORDERS = SCOPE + """
            , money AS (
                SELECT p.order_id,
                       count(*) FILTER (WHERE p.status IN ('PENDING', 'SUCCEEDED', 'PARTIALLY_REFUNDED')) AS live,
                       count(*) FILTER (WHERE p.status = 'SUCCEEDED') AS succeeded,
                       coalesce(sum(p.amount - p.refunded_amount)
                                FILTER (WHERE p.status IN ('SUCCEEDED', 'PARTIALLY_REFUNDED')), 0) AS kept
                FROM payments.payments p JOIN scoped USING (order_id) GROUP BY p.order_id),
            ledger AS (
                SELECT p.order_id, count(*) AS charges,
                       sum(c.amount - coalesce((SELECT sum(r.amount) FROM payments.processor_refunds r
                                                WHERE r.payment_id = c.payment_id), 0)) AS kept
                FROM payments.processor_charges c
                JOIN payments.payments p ON p.id = c.payment_id
                JOIN scoped USING (order_id)
                WHERE c.outcome = 'SUCCEEDED' GROUP BY p.order_id)
            SELECT o.id, o.status, o.total_amount, r.status,
                   coalesce(p.live, 0), coalesce(p.succeeded, 0), coalesce(p.kept, 0), coalesce(g.kept, 0),
                   coalesce(g.charges, 0)
            FROM scoped s
            JOIN orders.orders o ON o.id = s.order_id
            LEFT JOIN catalog.reservations r ON r.order_id = o.id
            LEFT JOIN money p ON p.order_id = o.id
            LEFT JOIN ledger g ON g.order_id = o.id
            ORDER BY o.created_at
            """;

    private void checkOrders(Connection connection, Map<UUID, Long> scope, Map<String, Long> orders, Rule rule)
            throws SQLException {
        try (var query = scoped(connection, ORDERS, scope);
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String id = rows.getString(1);
                String status = rows.getString(2);
                long total = rows.getLong(3);
                String reservation = rows.getString(4);
                long live = rows.getLong(5);
                long succeeded = rows.getLong(6);
                long kept = rows.getLong(7);
                long charged = rows.getLong(8);
                long charges = rows.getLong(9);
                orders.merge(status, 1L, Long::sum);
                if (charges > 1) {
                    rule.violated("%s order %s was charged %d times at the processor", status, id, charges);
                }
                if (FULFILLED.contains(status)) {
                    if (!"CONFIRMED".equals(reservation)) {
                        rule.violated("%s order %s has its reservation %s, not CONFIRMED", status, id, reservation);
                    }
                    if (succeeded != 1 || live != 1) {
                        rule.violated(
                                "%s order %s has %d SUCCEEDED payments (%d holding money), not exactly one",
                                status, id, succeeded, live);
                    }
                    if (kept != total || charged != total) {
                        rule.violated(
                                "%s order %s of %d keeps %d in payments and %d at the processor",
                                status, id, total, kept, charged);
                    }
                } else if (CANCELLED.contains(status)) {
                    if (!"RELEASED".equals(reservation)) {
                        rule.violated("%s order %s has its reservation %s, not RELEASED", status, id, reservation);
                    }
                    if (live != 0 || kept != 0 || charged != 0) {
                        rule.violated(
                                "%s order %s keeps money: %d payments not refunded, %d in payments, %d at the"
                                        + " processor",
                                status, id, live, kept, charged);
                    }
                } else {
                    rule.violated("order %s is %s: neither fulfilled nor cancelled", id, status);
                }
            }
        }
    }

    /** Per product: its counters, the units of its fulfilled orders, and what its reservations hold. */
    private static final String STOCK = SCOPE + """
            , sold AS (
                SELECT l.product_id, sum(l.quantity) AS units
                FROM orders.order_lines l JOIN orders.orders o ON o.id = l.order_id JOIN scope USING (product_id)
                WHERE o.status IN ('PAID', 'SHIPPED', 'DELIVERED') GROUP BY l.product_id),
            held AS (
                SELECT l.product_id,
                       coalesce(sum(l.quantity) FILTER (WHERE r.status = 'CONFIRMED'), 0) AS confirmed,
                       coalesce(sum(l.quantity) FILTER (WHERE r.status IN ('RESERVED', 'CONFIRMED')), 0) AS held
                FROM catalog.reservation_lines l JOIN catalog.reservations r USING (order_id) JOIN scope USING (product_id)
                GROUP BY l.product_id)
            SELECT s.product_id, s.initial, p.stock_quantity, p.available_quantity,
                   coalesce(sold.units, 0), coalesce(held.confirmed, 0), coalesce(held.held, 0)
            FROM scope s
            LEFT JOIN catalog.products p ON p.id = s.product_id
            LEFT JOIN sold USING (product_id)
            LEFT JOIN held USING (product_id)
            """;

    private void checkStock(Connection connection, Map<UUID, Long> scope, Rule rule) throws SQLException {
        try (var query = scoped(connection, STOCK, scope);
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String product = rows.getString(1);
                long initial = rows.getLong(2);
                if (rows.getObject(3) == null) {
                    rule.violated("product %s does not exist", product);
                    continue;
                }
                long stock = rows.getLong(3);
                long available = rows.getLong(4);
                long sold = rows.getLong(5);
                long confirmed = rows.getLong(6);
                long held = rows.getLong(7);
                if (stock != initial - sold) {
                    rule.violated(
                            "product %s has %d in stock, expected %d initial - %d sold = %d",
                            product, stock, initial, sold, initial - sold);
                }
                if (confirmed != sold) {
                    rule.violated(
                            "product %s: confirmed reservations hold %d units, fulfilled orders %d",
                            product, confirmed, sold);
                }
                if (available != initial - held) {
                    rule.violated(
                            "product %s has %d available, expected %d initial - %d held = %d",
                            product, available, initial, held, initial - held);
                }
            }
        }
    }

    private static final String ORPHANS = SCOPE + """
            SELECT r.order_id, r.status, r.expires_at FROM catalog.reservations r
            WHERE r.status IN ('RESERVED', 'CONFIRMED')
              AND EXISTS (SELECT 1 FROM catalog.reservation_lines l JOIN scope USING (product_id)
                          WHERE l.order_id = r.order_id)
              AND NOT EXISTS (SELECT 1 FROM orders.orders o WHERE o.id = r.order_id)
            """;

    private void checkReservations(Connection connection, Map<UUID, Long> scope, Rule rule) throws SQLException {
        try (var query = scoped(connection, ORPHANS, scope);
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                rule.violated(
                        "reservation %s is %s (until %s) for an order that does not exist",
                        rows.getString(1), rows.getString(2), rows.getString(3));
            }
        }
    }

    private static PreparedStatement scoped(Connection connection, String sql, Map<UUID, Long> scope)
            throws SQLException {
        var products = new UUID[scope.size()];
        var units = new Long[scope.size()];
        int i = 0;
        for (var product : scope.entrySet()) {
            products[i] = product.getKey();
            units[i++] = product.getValue();
        }
        var query = connection.prepareStatement(sql);
        query.setArray(1, connection.createArrayOf("uuid", products));
        query.setArray(2, connection.createArrayOf("bigint", units));
        return query;
    }

    /** Dead letters, and entries a consumer group has not yet read or acknowledged. */
    private void checkStreams(RedisCommands redis, Rule deadLetters, Rule events) {
        for (String key : streams(redis)) {
            if (key.endsWith(".dead-letter")) {
                long length = reply(redis.call("XLEN", key), Long.class);
                if (length > 0) {
                    deadLetters.violated("%s holds %d entries, the first: %s", key, length, first(redis, key));
                }
                continue;
            }
            for (Map<String, Object> group : maps(redis.call("XINFO", "GROUPS", key))) {
                long pending = reply(group.get("pending"), Long.class);
                if (pending > 0) {
                    events.violated(
                            "group %s of %s has %d entries delivered but not acknowledged",
                            group.get("name"), key, pending);
                }
                if (group.get("lag") instanceof Long lag && lag > 0) {
                    events.violated("group %s of %s has %d entries not yet read", group.get("name"), key, lag);
                }
            }
        }
    }

    private List<String> streams(RedisCommands redis) {
        var keys = new ArrayList<String>();
        String cursor = "0";
        do {
            List<?> page = reply(
                    redis.call("SCAN", cursor, "MATCH", keyPrefix + "*", "TYPE", "stream", "COUNT", "1000"),
                    List.class);
            cursor = reply(page.get(0), String.class);
            for (Object key : reply(page.get(1), List.class)) {
                keys.add(reply(key, String.class));
            }
        } while (!cursor.equals("0"));
        return keys.stream().sorted().distinct().toList();
    }

    private static String first(RedisCommands redis, String key) {
        var entries = (List<?>) redis.call("XRANGE", key, "-", "+", "COUNT", "1");
        if (entries == null || entries.isEmpty()) {
            return "none";
        }
        var fields = pairs((List<?>) ((List<?>) entries.getFirst()).get(1));
        return "type=" + fields.get("type") + " group=" + fields.get("consumerGroup") + " error=" + fields.get("error");
    }

    /** A reply Redis gives for these commands (never a nil), of the type it must have. */
    private static <T> T reply(@Nullable Object reply, Class<T> type) {
        if (!type.isInstance(reply)) {
            throw new IllegalStateException("unexpected Redis reply: " + reply);
        }
        return type.cast(reply);
    }

    private static List<Map<String, Object>> maps(@Nullable Object reply) {
        var result = new ArrayList<Map<String, Object>>();
        if (reply instanceof List<?> items) {
            for (Object item : items) {
                result.add(pairs((List<?>) item));
            }
        }
        return result;
    }

    /** A flat RESP2 list of names and values as a map. */
    private static Map<String, Object> pairs(List<?> flat) {
        var map = new TreeMap<String, Object>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            Object value = flat.get(i + 1);
            if (value != null) {
                map.put(String.valueOf(flat.get(i)), value);
            }
        }
        return map;
    }

    static final String USAGE = """
            Usage: bin/reconcile INITIAL_STOCK_FILE [WAIT_SECONDS]
              Checks a stack's orders, payments, stock and event streams against the saga's rules (see
              Reconciliation's Javadoc) for the products listed in INITIAL_STOCK_FILE, one "product-id units" per line
              (units before the load began). Waits up to WAIT_SECONDS (default 0) for the saga to settle.
              Reads DB_URL, DB_USERNAME, DB_PASSWORD, REDIS_HOST, REDIS_PORT, REDIS_KEY_PREFIX like the services.
              Exit status 0 when consistent, 1 when not, 2 on bad arguments.""";

    /** The bench's entry point: prints the report and exits 0 when the books balance. */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 1 || args.length > 2 || args[0].startsWith("-")) {
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        var initialStock = new java.util.LinkedHashMap<UUID, Long>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.strip().split("[\\s|,]+");
            initialStock.put(UUID.fromString(parts[0]), Long.parseLong(parts[1]));
        }
        var env = System.getenv();
        var database = new LocalStack.Database(
                env.getOrDefault(EnvNames.DB_URL, Postgres.DEFAULT_URL),
                env.getOrDefault(EnvNames.DB_USERNAME, Postgres.DEFAULT_USERNAME),
                env.getOrDefault(EnvNames.DB_PASSWORD, ""));
        var reconciliation = new Reconciliation(
                database,
                env.getOrDefault(EnvNames.REDIS_HOST, Redis.DEFAULT_HOST),
                Integer.parseInt(env.getOrDefault(EnvNames.REDIS_PORT, Integer.toString(Redis.DEFAULT_PORT))),
                env.getOrDefault(EnvNames.REDIS_KEY_PREFIX, ""));
        long wait = args.length > 1 ? Long.parseLong(args[1]) : 0;
        var report = reconciliation.await(initialStock, Duration.ofSeconds(wait));
        System.out.println(report);
        System.exit(report.consistent() ? 0 : 1);
    }
}
