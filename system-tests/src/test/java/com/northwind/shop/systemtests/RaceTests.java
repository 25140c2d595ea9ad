package com.northwind.shop.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Many customers, few units: the stock never oversells and never goes negative. */
@SystemTest
class RaceTests {

    static final int CUSTOMERS = 100;
    static final int UNITS = 10;

    private static Shop shop;
    private static Catalog catalog;
    private static Database database;

    @BeforeAll
    static void connect() {
        shop = SystemStack.shop();
        catalog = new Catalog(shop);
        database = new Database(SystemStack.stack().database());
    }

    @Test
    void aHundredCustomersRaceForTenUnitsAndExactlyTenGetOne() throws Exception {
        var product = catalog.newProduct("Limited edition " + Catalog.uniqueWord(), 999, UNITS);
        var productId = UUID.fromString(product.get("id").asString());
        // Sign-ups are Argon2 hashes, CPU-bound by design: a few at a time, the race is about the orders.
        var customers = inParallel(4, nCopies(CUSTOMERS, () -> Customer.signUp(shop)));

        var start = new CountDownLatch(1);
        var replies = inParallel(
                CUSTOMERS,
                customers.stream()
                        .<Callable<Shop.Reply>>map(customer -> () -> {
                            start.await();
                            return customer.order(productId, 1);
                        })
                        .toList(),
                start);

        System.out.println("race: server errors retried with the same Idempotency-Key: " + SERVER_ERRORS.get());
        var placed = replies.stream().filter(r -> r.status() == 201).toList();
        var refused = replies.stream().filter(r -> r.status() != 201).toList();
        assertThat(placed).hasSize(UNITS);
        assertThat(refused).hasSize(CUSTOMERS - UNITS).allSatisfy(reply -> {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(409);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        });
        assertThat(database.stock(productId)).isEqualTo(new Database.Stock(UNITS, 0));
        assertThat(database.reservedUnits(productId, "RESERVED")).isEqualTo(UNITS);
        assertThat(database.queryInt("SELECT count(*) FROM orders.order_lines WHERE product_id = ?", productId))
                .isEqualTo(UNITS);
        assertThat(catalog.product(productId).get("availableQuantity").asInt()).isNotNegative();

        // The ten winners pay at once, each twice (a double click): ten payments, ten PAID orders, no stock left.
        var winners = new ArrayList<Callable<Shop.Reply>>();
        for (int i = 0; i < CUSTOMERS; i++) {
            if (replies.get(i).status() == 201) {
                var customer = customers.get(i);
                var orderId = UUID.fromString(replies.get(i).json().get("id").asString());
                winners.add(() -> payRetryingServerErrors(customer, orderId));
                winners.add(() -> payRetryingServerErrors(customer, orderId));
            }
        }
        var payments = inParallel(2 * UNITS, winners);
        assertThat(payments.stream().filter(r -> r.status() == 201)).hasSizeGreaterThanOrEqualTo(UNITS);
        assertThat(payments)
                .allSatisfy(
                        reply -> assertThat(reply.status()).as(reply.toString()).isIn(201, 409));
        for (int i = 0; i < CUSTOMERS; i++) {
            if (replies.get(i).status() == 201) {
                customers
                        .get(i)
                        .awaitStatus(
                                UUID.fromString(replies.get(i).json().get("id").asString()), "PAID");
            }
        }
        await().atMost(java.time.Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(database.stock(productId)).isEqualTo(new Database.Stock(0, 0)));
        var orderIds = placed.stream()
                .map(r -> UUID.fromString(r.json().get("id").asString()))
                .toList();
        var charged = database.rows(
                "SELECT order_id, count(*), sum(amount), sum(refunded_amount) FROM payments.payments"
                        + " WHERE order_id = ANY (?) AND status = 'SUCCEEDED' GROUP BY order_id",
                (Object) orderIds.toArray(UUID[]::new));
        assertThat(charged).hasSize(UNITS).allSatisfy(row -> {
            assertThat(((Number) row.get(1)).longValue())
                    .as("payments of %s", row.get(0))
                    .isEqualTo(1);
            assertThat(((Number) row.get(2)).longValue()).isEqualTo(999);
            assertThat(((Number) row.get(3)).longValue()).isZero();
        });
        assertThat(database.queryInt(
                        "SELECT count(*) FROM payments.processor_charges c JOIN payments.payments p ON p.id = c.payment_id"
                                + " WHERE p.order_id = ANY (?) AND c.outcome = 'SUCCEEDED'",
                        (Object) orderIds.toArray(UUID[]::new)))
                .isEqualTo(UNITS);
    }

    static final java.util.concurrent.atomic.AtomicInteger SERVER_ERRORS =
            new java.util.concurrent.atomic.AtomicInteger();

    /**
     * What a frontend does: a 5xx is retried with the same Idempotency-Key, so a retry can never order twice. Under
     * this burst order-service runs out of database connections (a 500) and the gateway may shed load (503); every
     * customer still ends with exactly one answer that counts, 201 or 409.
     */
    static Shop.Reply orderRetryingServerErrors(Customer customer, UUID productId) throws InterruptedException {
        String key = UUID.randomUUID().toString();
        Shop.Reply reply = customer.order(productId, 1, key);
        for (int attempt = 1; attempt < 10 && reply.status() >= 500; attempt++) {
            SERVER_ERRORS.incrementAndGet();
            Thread.sleep(500L + java.util.concurrent.ThreadLocalRandom.current().nextLong(1000));
            reply = customer.order(productId, 1, key);
        }
        return reply;
    }

    static Shop.Reply payRetryingServerErrors(Customer customer, UUID orderId) throws InterruptedException {
        String key = UUID.randomUUID().toString();
        Shop.Reply reply = customer.pay(orderId, key);
        for (int attempt = 1; attempt < 10 && reply.status() >= 500; attempt++) {
            SERVER_ERRORS.incrementAndGet();
            Thread.sleep(500L + java.util.concurrent.ThreadLocalRandom.current().nextLong(1000));
            reply = customer.pay(orderId, key);
        }
        return reply;
    }

    static <T> List<Callable<T>> nCopies(int n, Callable<T> task) {
        var tasks = new ArrayList<Callable<T>>();
        for (int i = 0; i < n; i++) {
            tasks.add(task);
        }
        return tasks;
    }

    /** Runs the tasks on {@code threads} threads; opens {@code gates} once all are submitted; returns the results. */
    static <T> List<T> inParallel(int threads, List<Callable<T>> tasks, CountDownLatch... gates)
            throws InterruptedException, ExecutionException {
        try (var pool = Executors.newFixedThreadPool(threads)) {
            var futures = new ArrayList<Future<T>>();
            for (var task : tasks) {
                futures.add(pool.submit(task));
            }
            for (var gate : gates) {
                gate.countDown();
            }
            var results = new ArrayList<T>();
            for (var future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }
}
