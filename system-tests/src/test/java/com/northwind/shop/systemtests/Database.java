package com.northwind.shop.systemtests;

import com.northwind.shop.localstack.LocalStack;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads the stack's database to check what the API cannot show (stock counters, payments). Never writes. */
final class Database {

    private final LocalStack.Database database;

    Database(LocalStack.Database database) {
        this.database = database;
    }

    private Connection connect() throws SQLException {
        var connection = DriverManager.getConnection(database.url(), database.username(), database.password());
        connection.setReadOnly(true);
        return connection;
    }

    /**
     * A product's counters.
     *
     * @param stock units on the shelf (reserved ones included)
     * @param available units that can still be ordered
     */
    record Stock(int stock, int available) {}

    Stock stock(UUID productId) {
        try (var connection = connect();
                var query = connection.prepareStatement(
                        "SELECT stock_quantity, available_quantity FROM catalog.products WHERE id = ?")) {
            query.setObject(1, productId);
            try (var rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new AssertionError("no product " + productId);
                }
                return new Stock(rows.getInt(1), rows.getInt(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Units of the product held by reservations in the given status. */
    int reservedUnits(UUID productId, String status) {
        return queryInt(
                "SELECT coalesce(sum(l.quantity), 0) FROM catalog.reservation_lines l"
                        + " JOIN catalog.reservations r ON r.order_id = l.order_id"
                        + " WHERE l.product_id = ? AND r.status = ?",
                productId,
                status);
    }

    /** Whether the catalog's products table still exists (after SQL-injection-shaped searches). */
    boolean productsTableExists() {
        return queryInt("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'catalog'"
                        + " AND table_name = 'products'")
                == 1;
    }

    int queryInt(String sql, Object... parameters) {
        try (var connection = connect();
                var query = connection.prepareStatement(sql)) {
            bind(connection, query, parameters);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Binds the parameters; an array of UUIDs becomes a {@code uuid[]} (for {@code = ANY (?)}). */
    private static void bind(Connection connection, java.sql.PreparedStatement query, Object... parameters)
            throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] instanceof UUID[] ids) {
                query.setArray(i + 1, connection.createArrayOf("uuid", ids));
            } else {
                query.setObject(i + 1, parameters[i]);
            }
        }
    }

    List<List<Object>> rows(String sql, Object... parameters) {
        try (var connection = connect();
                var query = connection.prepareStatement(sql)) {
            bind(connection, query, parameters);
            try (var rows = query.executeQuery()) {
                var result = new ArrayList<List<Object>>();
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    var row = new ArrayList<Object>();
                    for (int c = 1; c <= columns; c++) {
                        row.add(rows.getObject(c));
                    }
                    result.add(row);
                }
                return result;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
