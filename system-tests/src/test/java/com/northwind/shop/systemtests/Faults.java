package com.northwind.shop.systemtests;

import com.northwind.shop.localstack.LocalStack;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * Faults inflicted on the stack's own infrastructure only: its own database on the shared PostgreSQL server (which
 * other engineers and CI jobs use, so it is never restarted) and its own Redis.
 */
final class Faults {

    private Faults() {}

    /** A fault in progress; closing it ends the fault. */
    interface Fault extends AutoCloseable {
        @Override
        void close() throws SQLException;
    }

    /**
     * The stack's database goes away as in a server restart, for the stack only: it refuses new connections and every
     * open one is ended (the services see their connections die mid-statement, then "not accepting connections"
     * until the fault is closed). The server, and every other database on it, stays up.
     *
     * @return the fault, with the number of connections it ended
     */
    static DatabaseAway databaseAway(LocalStack.Database database) throws SQLException {
        String name = databaseName(database);
        try (var admin = admin(database);
                var statement = admin.createStatement()) {
            statement.execute("ALTER DATABASE \"" + name + "\" ALLOW_CONNECTIONS false");
            try (var ended = admin.prepareStatement("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE datname = ? AND pid <> pg_backend_pid()")) {
                ended.setString(1, name);
                try (var rows = ended.executeQuery()) {
                    rows.next();
                    return new DatabaseAway(database, name, rows.getInt(1));
                }
            }
        } catch (SQLException | RuntimeException e) {
            allowConnections(database, name); // never leave the database closed behind a failed start
            throw e;
        }
    }

    /** The database away; {@link #close()} lets connections in again. */
    record DatabaseAway(LocalStack.Database database, String name, int endedConnections) implements Fault {
        @Override
        public void close() throws SQLException {
            allowConnections(database, name);
        }
    }

    /**
     * Takes the row locks of the products in a transaction of the test's own until closed (then rolls back): every
     * reservation, confirmation and release of them waits meanwhile, so the consumers that apply OrderPaid and
     * OrderCancelled stop in the middle of their batches, each entry delivered and not yet acknowledged.
     */
    static Fault productsLocked(LocalStack.Database database, List<UUID> products) throws SQLException {
        var connection = DriverManager.getConnection(database.url(), database.username(), database.password());
        try {
            connection.setAutoCommit(false);
            try (var lock = connection.prepareStatement(
                    "SELECT id FROM catalog.products WHERE id = ANY (?) ORDER BY id FOR UPDATE")) {
                lock.setArray(1, connection.createArrayOf("uuid", products.toArray(UUID[]::new)));
                lock.executeQuery().close();
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return () -> {
            try (connection) {
                connection.rollback();
            }
        };
    }

    private static void allowConnections(LocalStack.Database database, String name) throws SQLException {
        try (var admin = admin(database);
                var statement = admin.createStatement()) {
            statement.execute("ALTER DATABASE \"" + name + "\" ALLOW_CONNECTIONS true");
        }
    }

    /** A connection to the server's maintenance database, which the fault leaves alone. */
    private static Connection admin(LocalStack.Database database) throws SQLException {
        String url = database.url().replaceFirst("/[^/?]+(\\?.*)?$", "/postgres$1");
        return DriverManager.getConnection(url, database.username(), database.password());
    }

    private static String databaseName(LocalStack.Database database) {
        var matcher = java.util.regex.Pattern.compile("^jdbc:postgresql://[^/]+/([a-z][a-z0-9_]*)(\\?.*)?$")
                .matcher(database.url());
        if (!matcher.matches()
                || matcher.group(1).equals("postgres")
                || matcher.group(1).equals("shop")) {
            throw new IllegalStateException("not a test run's own database: " + database.url());
        }
        return matcher.group(1);
    }
}
