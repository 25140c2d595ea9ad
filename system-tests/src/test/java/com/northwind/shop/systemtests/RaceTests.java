package com.northwind.shop.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

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
