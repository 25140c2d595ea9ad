package com.northwind.shop.products.stock;

import static com.northwind.shop.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.northwind.shop.platform.test.TestHttp;
import com.northwind.shop.products.testing.Fixtures;
import com.northwind.shop.products.testing.ProductsServiceTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@ProductsServiceTest
class ReservationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ReservationExpiry expiry;

    @Autowired
    javax.sql.DataSource dataSource;

    TestHttp http;
    UUID categoryId;

    @BeforeEach
    void setUp() {
        http = TestHttp.localhost(port);
        categoryId = Fixtures.category(jdbc, Fixtures.unique("res"));
    }

    @Test
    void reservesEveryLineWithAuthoritativePrices() {
        String mug = product("Mug", 1299, 5);
        String plate = product("Plate", 899, 5);
        UUID orderId = UUID.randomUUID();

        TestHttp.Response response = reserve(orderId, line(mug, 2), line(plate, 1));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode reservation = response.json();
        assertThat(reservation.path("orderId").asString()).isEqualTo(orderId.toString());
        assertThat(reservation.path("status").asString()).isEqualTo("RESERVED");
        assertThat(reservation.path("expiresAt").asString()).isNotBlank();
        JsonNode first = reservation
                .path("lines")
                .valueStream()
                .filter(l -> l.path("productId").asString().equals(mug))
                .findFirst()
                .orElseThrow();
        assertThat(reservation.path("lines")).hasSize(2);
        assertThat(first.path("name").asString()).isEqualTo("Mug");
        assertThat(first.path("quantity").asInt()).isEqualTo(2);
        assertThat(first.path("unitPrice").path("amount").asLong()).isEqualTo(1299);
        assertThat(first.path("unitPrice").path("currency").asString()).isEqualTo("USD");
        assertThat(available(mug)).isEqualTo(3);
        assertThat(available(plate)).isEqualTo(4);
    }

    @Test
    void repeatsTheFirstResultForTheSameOrder() {
        String mug = product("Mug", 1299, 5);
        String cup = product("Cup", 499, 5);
        UUID orderId = UUID.randomUUID();
        String first = reserve(orderId, line(mug, 2), line(cup, 1)).body();

        TestHttp.Response again = reserve(orderId, line(cup, 1), line(mug, 2));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first);
        assertThat(available(mug)).isEqualTo(3);
        assertThat(available(cup)).isEqualTo(4);
        assertProblem(reserve(orderId, line(mug, 3)), 409);
    }

    @Test
    void reservesNothingWhenOneLineIsShortAndNamesIt() {
        String plenty = product("Plenty", 100, 10);
        String scarce = product("Scarce", 100, 1);
        UUID orderId = UUID.randomUUID();

        JsonNode problem = assertProblem(reserve(orderId, line(plenty, 3), line(scarce, 2)), 409);

        assertThat(problem.path("type").asString()).endsWith("insufficient-stock");
        assertThat(problem.path("lines")).hasSize(1);
        assertThat(problem.path("lines").get(0).path("productId").asString()).isEqualTo(scarce);
        assertThat(problem.path("lines").get(0).path("requested").asInt()).isEqualTo(2);
        assertThat(problem.path("lines").get(0).path("available").asInt()).isEqualTo(1);
        assertThat(available(plenty)).isEqualTo(10);
        assertThat(available(scarce)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM reservations WHERE order_id = ?", Long.class, orderId))
                .isZero();

        JsonNode unknown =
                assertProblem(reserve(UUID.randomUUID(), line(UUID.randomUUID().toString(), 1)), 409);
        assertThat(unknown.path("lines").get(0).path("available").asInt()).isZero();
    }

    @Test
    void rejectsInvalidReservations() {
        String mug = product("Mug", 100, 10);
        assertProblem(http.send("POST", "/internal/reservations", "{\"lines\": []}", Fixtures.service()), 400);
        assertProblem(reserve(UUID.randomUUID(), line(mug, 0)), 400);
        assertProblem(reserve(UUID.randomUUID(), line(mug, 1), line(mug, 1)), 400);
        assertThat(available(mug)).isEqualTo(10);
    }

    @Test
    void confirmsAndReleasesIdempotently() {
        String mug = product("Mug", 100, 10);
        UUID paid = UUID.randomUUID();
        UUID cancelled = UUID.randomUUID();
        reserve(paid, line(mug, 3));
        reserve(cancelled, line(mug, 2));
        assertThat(available(mug)).isEqualTo(5);

        for (int i = 0; i < 2; i++) {
            TestHttp.Response confirmed = post("/internal/reservations/" + paid + "/confirm");
            assertThat(confirmed.status()).isEqualTo(200);
            assertThat(confirmed.json().path("status").asString()).isEqualTo("CONFIRMED");
            TestHttp.Response released = post("/internal/reservations/" + cancelled + "/release");
            assertThat(released.status()).isEqualTo(200);
            assertThat(released.json().path("status").asString()).isEqualTo("RELEASED");
        }
        assertThat(available(mug)).isEqualTo(7);
        assertThat(onShelf(mug)).isEqualTo(7);

        assertProblem(post("/internal/reservations/" + cancelled + "/confirm"), 409);
        assertProblem(post("/internal/reservations/" + UUID.randomUUID() + "/confirm"), 404);
    }

    @Test
    void aRetriedCheckoutReservesAgainWhatItsFailedAttemptReleasedAndHoldsTheStockOnce() {
        String mug = product("Mug", 100, 10);
        String cup = product("Cup", 100, 10);
        UUID order = UUID.randomUUID();
        assertThat(reserve(order, line(mug, 3)).status()).isEqualTo(201);

        // order-service could not finish the checkout (its answer was lost, or the order's commit failed).
        TestHttp.Response released = post("/internal/reservations/" + order + "/release?reason=checkout-failed");
        assertThat(released.json().path("status").asString()).isEqualTo("RELEASED");
        assertThat(releaseReason(order)).isEqualTo("checkout-failed");
        assertThat(available(mug)).isEqualTo(10);

        // The client's retry carries the same Idempotency-Key, so the same order id; its cart may have changed.
        TestHttp.Response again = reserve(order, line(mug, 2), line(cup, 1));
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertThat(again.json().path("status").asString()).isEqualTo("RESERVED");
        assertThat(again.json().path("lines")).hasSize(2);
        assertThat(releaseReason(order)).isNull();
        assertThat(available(mug)).isEqualTo(8);
        assertThat(available(cup)).isEqualTo(9);

        TestHttp.Response repeat = reserve(order, line(cup, 1), line(mug, 2));
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.body()).isEqualTo(again.body());
        assertThat(available(mug)).isEqualTo(8);
    }

    @Test
    void aFailedCheckoutNeverGivesBackAPaidOrdersUnitsAndACancelStaysFinal() {
        String mug = product("Mug", 100, 10);
        UUID paid = UUID.randomUUID();
        UUID cancelled = UUID.randomUUID();
        reserve(paid, line(mug, 3));
        reserve(cancelled, line(mug, 2));
        post("/internal/reservations/" + paid + "/confirm");
        post("/internal/reservations/" + cancelled + "/release");

        assertThat(post("/internal/reservations/" + paid + "/release?reason=checkout-failed")
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("CONFIRMED");
        assertThat(releaseReason(cancelled)).isEqualTo("cancelled");
        // A cancelled order's reservation is never reserved again (order-service never asks: the order exists).
        assertThat(reserve(cancelled, line(mug, 2)).json().path("status").asString())
                .isEqualTo("RELEASED");
        assertThat(available(mug)).isEqualTo(7);
        assertThat(onShelf(mug)).isEqualTo(7);
        assertProblem(post("/internal/reservations/" + paid + "/release?reason=expired"), 400);
        assertProblem(post("/internal/reservations/" + paid + "/release?reason=whatever"), 400);
    }

    @Test
    void expiresUnconfirmedReservations() {
        String mug = product("Mug", 100, 10);
        UUID abandoned = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        reserve(abandoned, line(mug, 4));
        reserve(fresh, line(mug, 1));
        jdbc.update("UPDATE reservations SET expires_at = now() - interval '1 minute' WHERE order_id = ?", abandoned);

        assertThat(expiry.expireDue()).isGreaterThanOrEqualTo(1);

        assertThat(available(mug)).isEqualTo(9);
        assertThat(releaseReason(abandoned)).isEqualTo("expired");
        // Releasing (the order was cancelled) an expired reservation gives nothing back twice, and marks it RELEASED.
        assertThat(post("/internal/reservations/" + abandoned + "/release")
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("RELEASED");
        assertThat(http.send("GET", "/internal/reservations/" + fresh, null, Fixtures.service())
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("RESERVED");
        assertThat(available(mug)).isEqualTo(9);
    }

    @Test
    void expiryNeverDeadlocksWithAMultiProductCheckout() throws Exception {
        List<String> pair = new ArrayList<>(List.of(product("Low", 100, 10), product("High", 100, 10)));
        pair.sort(java.util.Comparator.comparing(UUID::fromString));
        String low = pair.get(0);
        String high = pair.get(1);
        // Due first: a reservation of the product a checkout locks last; due next: one of the product it locks first.
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        assertThat(reserve(first, line(high, 1)).status()).isEqualTo(201);
        assertThat(reserve(second, line(low, 1)).status()).isEqualTo(201);
        jdbc.update("UPDATE reservations SET expires_at = now() - interval '2 minutes' WHERE order_id = ?", first);
        jdbc.update("UPDATE reservations SET expires_at = now() - interval '1 minute' WHERE order_id = ?", second);

        // A checkout of both products, in product id order as every reservation locks them: it holds the low row...
        try (java.sql.Connection checkout = dataSource.getConnection();
                ExecutorService pool = Executors.newSingleThreadExecutor()) {
            checkout.setAutoCommit(false);
            take(checkout, low);
            // ...while the expiry locks the high row for the first reservation and waits for the low one...
            Future<Integer> expired = pool.submit(() -> expiry.expireDue());
            Thread.sleep(1_000);
            // ...then it wants the high row. With both expiries in one transaction this is a deadlock.
            take(checkout, high);
            checkout.commit();
            assertThat(expired.get(30, java.util.concurrent.TimeUnit.SECONDS)).isGreaterThanOrEqualTo(2);
        }
        assertThat(available(low)).isEqualTo(9);
        assertThat(available(high)).isEqualTo(9);
    }

    /**
     * Issue #16: PostgreSQL ending a connection in the middle of a request's transaction (a restart, a failover,
     * {@code pg_terminate_backend}) answered 500. HikariCP closes the broken connection at the first error, the
     * rollback then fails with a "Connection is closed" that carries no SQLSTATE, and Spring throws that instead.
     */
    @Test
    void aReservationWhoseDatabaseConnectionEndsMidTransactionAnswers503WithRetryAfterAndReservesNothing()
            throws Exception {
        String mug = product("Mug", 100, 10);
        UUID orderId = UUID.randomUUID();
        try (java.sql.Connection other = dataSource.getConnection();
                ExecutorService pool = Executors.newSingleThreadExecutor()) {
            other.setAutoCommit(false);
            take(other, mug); // holds the row: the reservation's transaction waits on it, mid-way
            Future<TestHttp.Response> reserving = pool.submit(() -> reserve(orderId, line(mug, 1)));
            Integer waiting = null;
            for (int i = 0; i < 300 && waiting == null; i++) {
                Thread.sleep(100);
                waiting = jdbc.query("""
                                SELECT pid FROM pg_stat_activity
                                WHERE datname = current_database() AND wait_event_type = 'Lock'
                                  AND query LIKE '%UPDATE products%'
                                """, (rs, n) -> rs.getInt(1)).stream()
                        .findFirst()
                        .orElse(null);
            }
            assertThat(waiting)
                    .as("the reservation's backend waiting for the row")
                    .isNotNull();
            jdbc.queryForObject("SELECT pg_terminate_backend(?)", Boolean.class, waiting);

            TestHttp.Response response = reserving.get(60, java.util.concurrent.TimeUnit.SECONDS);

            assertProblem(response, 503);
            assertThat(response.header("Retry-After")).isNotBlank();
            other.rollback();
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM reservations WHERE order_id = ?", Long.class, orderId))
                .isZero();
        assertThat(available(mug)).isEqualTo(10);
        // The pool replaced the connection: the next reservation is served.
        assertThat(reserve(orderId, line(mug, 1)).status()).isEqualTo(201);
    }

    private static void take(java.sql.Connection connection, String productId) throws java.sql.SQLException {
        try (java.sql.PreparedStatement update = connection.prepareStatement(
                "UPDATE products SET available_quantity = available_quantity - 1 WHERE id = ?::uuid")) {
            update.setString(1, productId);
            update.executeUpdate();
        }
    }

    @Test
    void neverOversellsUnderConcurrentReservations() throws Exception {
        String product = product("Last units", 100, 10);
        int buyers = 50;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(buyers)) {
            for (int i = 0; i < buyers; i++) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return reserve(UUID.randomUUID(), line(product, 1)).status();
                }));
            }
            start.countDown();
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                results.add(status.get());
            }
            assertThat(results).filteredOn(s -> s == 201).hasSize(10);
            assertThat(results).filteredOn(s -> s == 409).hasSize(40);
        }
        assertThat(available(product)).isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT coalesce(sum(quantity), 0) FROM reservation_lines WHERE product_id = ?::uuid",
                        Long.class,
                        product))
                .isEqualTo(10);
    }

    private String product(String name, long price, int quantity) {
        TestHttp.Response created = http.send(
                "POST",
                "/api/products",
                Fixtures.newProduct(Fixtures.unique("r"), name, categoryId, price, quantity),
                Fixtures.admin());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    private TestHttp.Response reserve(UUID orderId, String... lines) {
        String body = "{\"orderId\": \"%s\", \"lines\": [%s]}".formatted(orderId, String.join(",", lines));
        return http.send("POST", "/internal/reservations", body, Fixtures.service());
    }

    private TestHttp.Response post(String path) {
        return http.send("POST", path, null, Fixtures.service());
    }

    private static String line(String productId, int quantity) {
        return "{\"productId\": \"%s\", \"quantity\": %d}".formatted(productId, quantity);
    }

    private int available(String productId) {
        return jdbc.queryForObject(
                "SELECT available_quantity FROM products WHERE id = ?::uuid", Integer.class, productId);
    }

    private @org.jspecify.annotations.Nullable String releaseReason(UUID order) {
        return jdbc.queryForObject("SELECT release_reason FROM reservations WHERE order_id = ?", String.class, order);
    }

    private int onShelf(String productId) {
        return jdbc.queryForObject("SELECT stock_quantity FROM products WHERE id = ?::uuid", Integer.class, productId);
    }
}
