package com.northwind.shop.products.stock;

import static org.assertj.core.api.Assertions.assertThat;

import com.northwind.shop.platform.events.Event;
import com.northwind.shop.platform.events.Subscription;
import com.northwind.shop.platform.test.SqlStatements;
import com.northwind.shop.products.testing.Fixtures;
import com.northwind.shop.products.testing.ProductsServiceTest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one checkout step costs product-service in SQL, as upper bounds that fail the build when a change adds a
 * statement (issue #17). Statements are counted on the calling thread (platform-test's {@link SqlStatements}); the
 * event handler is called as the platform's consumer calls it, inside one transaction, which also records the event
 * id (one more INSERT, not counted here).
 */
@ProductsServiceTest
class CheckoutStatementsTests {

    @Autowired
    ReservingService reserving;

    @Autowired
    Subscription orderEventsSubscription;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    UUID categoryId;

    @BeforeEach
    void setUp() {
        categoryId = Fixtures.category(jdbc, Fixtures.unique("sql"));
    }

    @Test
    void reservingOneLineTakesAtMostThreeStatementsInOneCommit() {
        UUID mug = product(5);
        UUID order = UUID.randomUUID();

        try (SqlStatements.Capture sql = SqlStatements.capture()) {
            ReservingService.Result result = reserve(order, mug, 2);

            assertThat(result.created()).isTrue();
            // The reservation row, the conditional UPDATE of the product (which returns the price), the line.
            assertThat(sql.count()).as(sql.toString()).isLessThanOrEqualTo(3);
            assertThat(sql.commits()).as(sql.toString()).isEqualTo(1);
        }
        assertThat(available(mug)).isEqualTo(3);
    }

    @Test
    void reservingThreeLinesInsertsTheLinesInOneBatch() {
        UUID a = product(5), b = product(5), c = product(5);
        UUID order = UUID.randomUUID();

        try (SqlStatements.Capture sql = SqlStatements.capture()) {
            ReserveStockRequest request = new ReserveStockRequest(
                    order,
                    List.of(
                            new ReserveStockRequest.Line(a, 1),
                            new ReserveStockRequest.Line(b, 1),
                            new ReserveStockRequest.Line(c, 1)));
            assertThat(reserving.reserve(request).reservation().lines()).hasSize(3);

            // One conditional UPDATE per product (taken in id order, so no deadlock), the lines in one batch.
            assertThat(sql.count()).as(sql.toString()).isLessThanOrEqualTo(5);
        }
    }

    @Test
    void aRepeatedReservationAnswersTheSameAndTakesNothing() {
        UUID mug = product(5);
        UUID order = UUID.randomUUID();
        ReservationResponse first = reserve(order, mug, 2).reservation();

        try (SqlStatements.Capture sql = SqlStatements.capture()) {
            ReservingService.Result repeat = reserve(order, mug, 2);

            assertThat(repeat.created()).isFalse();
            assertThat(repeat.reservation()).isEqualTo(first);
            assertThat(sql.count()).as(sql.toString()).isLessThanOrEqualTo(3);
        }
        assertThat(available(mug)).isEqualTo(3);
    }

    @Test
    void orderPaidTakesAtMostFourStatements() {
        UUID mug = product(5);
        UUID order = UUID.randomUUID();
        reserve(order, mug, 2);

        try (SqlStatements.Capture sql = SqlStatements.capture()) {
            handle("OrderPaid", order);

            // Lock the reservation, confirm it, read its lines, take the units off the shelf.
            assertThat(sql.count()).as(sql.toString()).isLessThanOrEqualTo(4);
        }
        assertThat(jdbc.queryForObject("SELECT stock_quantity FROM products WHERE id = ?", Integer.class, mug))
                .isEqualTo(3);
    }

    @Test
    void orderCancelledTakesAtMostFourStatements() {
        UUID mug = product(5);
        UUID order = UUID.randomUUID();
        reserve(order, mug, 2);

        try (SqlStatements.Capture sql = SqlStatements.capture()) {
            handle("OrderCancelled", order);

            assertThat(sql.count()).as(sql.toString()).isLessThanOrEqualTo(4);
        }
        assertThat(available(mug)).isEqualTo(5);
    }

    private ReservingService.Result reserve(UUID order, UUID product, int quantity) {
        return reserving.reserve(
                new ReserveStockRequest(order, List.of(new ReserveStockRequest.Line(product, quantity))));
    }

    private void handle(String type, UUID order) {
        Event event = new Event(
                UUID.randomUUID(),
                type,
                Instant.now(),
                order.toString(),
                2,
                null,
                "{\"orderId\":\"%s\"}".formatted(order));
        new TransactionTemplate(transactionManager)
                .executeWithoutResult(status -> orderEventsSubscription.handle(event, json));
    }

    private UUID product(int quantity) {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO products (id, sku, name, description, price_amount, currency, category_id,
                                      stock_quantity, available_quantity)
                VALUES (?, ?, 'Mug', 'A mug', 1299, 'USD', ?, ?, ?)""", id, Fixtures.unique("SQL").toUpperCase(java.util.Locale.ROOT), categoryId, quantity, quantity);
        return id;
    }

    private int available(UUID product) {
        return jdbc.queryForObject("SELECT available_quantity FROM products WHERE id = ?", Integer.class, product);
    }
}
